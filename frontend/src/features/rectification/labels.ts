import type { PlanState, TaskStatus } from './api/plans'

/** RECTIFYING is shown in the blue tone (class `tone-blue`), the primary colour being red. */
export const PLAN_STATE_TAG: Record<PlanState, 'success' | 'info'> = {
  RECTIFYING: 'info',
  ACCEPTED: 'success',
  CLEARED: 'info',
}

export const TASK_STATUS_TAG: Record<TaskStatus, 'info' | 'warning' | 'success'> = {
  TODO: 'info',
  IN_PROGRESS: 'warning',
  DONE: 'success',
}
