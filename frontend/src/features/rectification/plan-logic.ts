import type { Me } from '@/features/session/api/get-me'
import { hasRole } from '@/features/session/roles'
import type { Plan, Task } from './api/plans'

export interface PlanUiActions {
  /** Add and edit tasks, record visits, change the leader (while RECTIFYING, by a writer). */
  edit: boolean
  accept: boolean
  clear: boolean
}

/** Township officials and county admins work on plans; only county admins accept and clear. */
export function planUiActions(me: Me | undefined | null, plan: Pick<Plan, 'state' | 'allowedActions'>): PlanUiActions {
  const writer = hasRole(me, 'township-official') || hasRole(me, 'county-admin')
  const county = hasRole(me, 'county-admin')
  return {
    edit: writer && plan.state === 'RECTIFYING',
    accept: county && plan.allowedActions.includes('ACCEPT'),
    clear: county && plan.allowedActions.includes('CLEAR'),
  }
}

/** Tasks not yet done: acceptance needs every task DONE (and at least one). */
export function unfinishedTasks(tasks: readonly Pick<Task, 'id' | 'status'>[]): number[] {
  return tasks.filter((t) => t.status !== 'DONE').map((t) => t.id)
}

function scaled(value: string): { units: bigint; scale: number } | null {
  const m = /^([0-9]+)(?:\.([0-9]+))?$/.exec(value.trim())
  if (!m) return null
  const fraction = m[2] ?? ''
  return { units: BigInt(`${m[1]}${fraction}`), scale: fraction.length }
}

/**
 * What the county would see before recording a rating: whether the points and the satisfaction meet
 * the catalogue's minimums, compared exactly (satisfied / respondents × 100 ≥ min, no rounding).
 */
export function acceptancePreview(
  input: { ratingPoints: string; respondents: number | null; satisfied: number | null },
  settings: { acceptanceMinPoints: string; acceptanceMinSatisfactionPercent: string },
): { pointsMet: boolean | null; satisfactionMet: boolean | null } {
  const points = scaled(input.ratingPoints)
  const minPoints = scaled(settings.acceptanceMinPoints)
  let pointsMet: boolean | null = null
  if (points && minPoints) {
    const scale = Math.max(points.scale, minPoints.scale)
    pointsMet = points.units * 10n ** BigInt(scale - points.scale) >= minPoints.units * 10n ** BigInt(scale - minPoints.scale)
  }
  let satisfactionMet: boolean | null = null
  const min = scaled(settings.acceptanceMinSatisfactionPercent)
  const { respondents, satisfied } = input
  if (min && respondents && respondents > 0 && satisfied !== null && satisfied >= 0 && satisfied <= respondents) {
    // satisfied × 100 / respondents ≥ min  ⇔  satisfied × 100 × 10^s ≥ minUnits × respondents
    satisfactionMet = BigInt(satisfied) * 100n * 10n ** BigInt(min.scale) >= min.units * BigInt(respondents)
  }
  return { pointsMet, satisfactionMet }
}

/** "逾期 3 天" / "3 days overdue" key and count of a task, or null when not overdue. */
export function overdueDays(task: Pick<Task, 'overdue' | 'daysOverdue'>): number | null {
  return task.overdue ? task.daysOverdue : null
}
