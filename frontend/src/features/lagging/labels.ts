import type { Schemas } from '@/api'
import { trimDecimal } from '@/lib/decimal'

type Translate = (key: string, named?: Record<string, unknown>) => string

export type FindingState = Schemas['FindingState']
export type FindingAction = Schemas['FindingAction']
export type FindingSource = Schemas['FindingSource']

export const FINDING_STATES: readonly FindingState[] = ['SUSPECTED', 'CONFIRMED', 'RECTIFYING', 'ACCEPTED', 'CLEARED', 'DISMISSED']
export const FINDING_SOURCES: readonly FindingSource[] = ['MANUAL', 'SCREENING']

/** The colour of a state's badge: open problems warm, the good ends green, a dismissed suspicion grey. */
export const FINDING_STATE_TAG: Record<FindingState, 'warning' | 'danger' | 'success' | 'info'> = {
  SUSPECTED: 'warning',
  CONFIRMED: 'danger',
  RECTIFYING: 'info', // shown blue through TONE below
  ACCEPTED: 'success',
  CLEARED: 'success',
  DISMISSED: 'info',
}

/** Extra class of a state's or source's tag: the blue tone for RECTIFYING and for screening proposals. */
export function findingTone(value: FindingState | FindingSource): string {
  return value === 'RECTIFYING' || value === 'SCREENING' ? 'tone-blue' : ''
}

export function findingStateLabel(t: Translate, state: FindingState | null | undefined): string {
  return state ? t(`lagging.state.${state}`) : '—'
}

export function findingActionLabel(t: Translate, action: FindingAction): string {
  return t(`lagging.action.${action}`)
}

export function findingSourceLabel(t: Translate, source: FindingSource): string {
  return t(`lagging.source.${source}`)
}

/** "2026-11-20T08:30:00Z" → "2026-11-20 08:30" (as sent; the server writes times in UTC or with an offset). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/**
 * The lagging share as the API writes it: a percentage with one decimal ("12.5"), shown unchanged with
 * a per-cent sign (no floating point).
 */
export function formatShare(share: string | null | undefined): string {
  if (!share) return '—'
  return `${trimDecimal(share)}%`
}
