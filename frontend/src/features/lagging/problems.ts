import { ApiError } from '@/api'
import { FINDING_STATES, type FindingState } from './labels'

/** What a 409 says about the finding now: its state and the actions still allowed. */
export function conflictInfo(error: unknown): { state: FindingState | null; allowedActions: string[] } | null {
  if (!(error instanceof ApiError) || error.status !== 409 || !error.body) return null
  const state = error.body.state
  const allowed = error.body.allowedActions
  return {
    state: typeof state === 'string' && (FINDING_STATES as readonly string[]).includes(state) ? (state as FindingState) : null,
    allowedActions: Array.isArray(allowed) ? allowed.filter((a): a is string => typeof a === 'string') : [],
  }
}

/** A 412: someone else changed it since it was read. */
export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412
}
