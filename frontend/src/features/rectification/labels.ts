import type { PlanState, TaskStatus } from './api/plans'

export const PLAN_STATE_TAG: Record<PlanState, 'primary' | 'success' | 'info'> = {
  RECTIFYING: 'primary',
  ACCEPTED: 'success',
  CLEARED: 'info',
}

export const TASK_STATUS_TAG: Record<TaskStatus, 'info' | 'warning' | 'success'> = {
  TODO: 'info',
  IN_PROGRESS: 'warning',
  DONE: 'success',
}
