import type { Me } from '@/features/session/api/get-me'
import { hasRole } from '@/features/session/roles'
import type { FindingState } from './labels'

/**
 * What the caller's roles allow on findings (the server decides; this only hides buttons that would
 * answer 403). Auditors and other systems only read.
 */
export function canRaise(me: Me | undefined | null): boolean {
  return hasRole(me, 'township-official') || hasRole(me, 'county-admin') || hasRole(me, 'city-admin')
}

/** Only county admins confirm (认定), accept (验收) and clear (销号). */
export function isCountyAdmin(me: Me | undefined | null): boolean {
  return hasRole(me, 'county-admin')
}

/** Screening runs over the caller's own township or county. */
export function canRunScreening(me: Me | undefined | null): boolean {
  return hasRole(me, 'township-official') || hasRole(me, 'county-admin')
}

/** Officials who may write (raise, dismiss, upload, plan tasks and visits); never auditors. */
export function canWrite(me: Me | undefined | null): boolean {
  return canRaise(me)
}

export const CLOSED_STATES: readonly FindingState[] = ['CLEARED', 'DISMISSED']

/** Files may be attached while a finding is not closed, by those who may write. */
export function canAttach(me: Me | undefined | null, state: FindingState): boolean {
  return canWrite(me) && !CLOSED_STATES.includes(state)
}

export interface FindingUiActions {
  /** Transitions offered as buttons, from the server's `allowedActions`. */
  transitions: ('CONFIRM' | 'DISMISS')[]
  /** "Create a rectification plan": a county admin, a CONFIRMED finding without a plan. */
  createPlan: boolean
  /** Link to the plan. */
  openPlan: boolean
  upload: boolean
}

/** The buttons of a finding page: the server's allowed transitions plus what the state and role allow. */
export function findingUiActions(
  me: Me | undefined | null,
  finding: { state: FindingState; allowedActions: ('CONFIRM' | 'DISMISS')[]; planId?: number | null },
): FindingUiActions {
  const order = ['CONFIRM', 'DISMISS'] as const
  return {
    transitions: order.filter((a) => finding.allowedActions.includes(a)),
    createPlan: isCountyAdmin(me) && finding.state === 'CONFIRMED' && !finding.planId,
    openPlan: Boolean(finding.planId),
    upload: canAttach(me, finding.state),
  }
}
