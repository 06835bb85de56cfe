import type { VenueChecklist } from './api/org-data'

export type ChecklistItem = keyof VenueChecklist
export type ChecklistGroup = 'WU_HUA' | 'LIU_TONG' | 'LIU_SHI' | 'QI_YOU'

/** The standard checklist "五化六通六室七有" in its four groups (24 items). */
export const CHECKLIST_GROUPS: readonly { group: ChecklistGroup; items: readonly ChecklistItem[] }[] = [
  { group: 'WU_HUA', items: ['signage', 'multiFunction', 'rules', 'serviceDesk', 'tidy'] },
  { group: 'LIU_TONG', items: ['water', 'power', 'road', 'phone', 'internet', 'broadcast'] },
  { group: 'LIU_SHI', items: ['office', 'meetingRoom', 'partyRoom', 'serviceRoom', 'library', 'recreationRoom'] },
  { group: 'QI_YOU', items: ['flag', 'sign', 'rulesOnWall', 'equipment', 'distanceLearning', 'archives', 'activityLog'] },
]

export const CHECKLIST_ITEMS: readonly ChecklistItem[] = CHECKLIST_GROUPS.flatMap((g) => g.items)

export function emptyChecklist(): VenueChecklist {
  return Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, false])) as unknown as VenueChecklist
}

/** Items met per group and in all, as the server scores them (for the form before saving). */
export function checklistScore(checklist: VenueChecklist): { met: number; total: number; groups: { group: ChecklistGroup; met: number; total: number }[] } {
  const groups = CHECKLIST_GROUPS.map((g) => ({ group: g.group, met: g.items.filter((i) => checklist[i]).length, total: g.items.length }))
  return { met: groups.reduce((s, g) => s + g.met, 0), total: CHECKLIST_ITEMS.length, groups }
}

/** The contract's area: greater than 0, at most one decimal ("320.5"). */
export function isArea(value: string): boolean {
  return /^[0-9]{1,5}(\.[0-9])?$/.test(value) && /[1-9]/.test(value)
}

/** A vacancy longer than the screening threshold (default 180 days) is shown in red. */
export function vacancyLevel(days: number | null | undefined, threshold = 180): 'long' | 'short' | null {
  if (days === null || days === undefined) return null
  return days > threshold ? 'long' : 'short'
}
