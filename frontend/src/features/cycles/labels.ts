import type { Cycle, CycleState, Phase } from './api/list-cycles'

type Translate = (key: string, named?: Record<string, unknown>) => string

export function phaseLabel(t: Translate, phase: Phase): string {
  return t(`cycle.phase.${phase}`)
}

export function cycleStateLabel(t: Translate, state: CycleState): string {
  return t(`cycle.state.${state}`)
}

export const CYCLE_STATE_TAG: Record<CycleState, 'success' | 'warning' | 'info'> = {
  OPEN: 'success',
  LOCKED: 'warning',
  PUBLISHED: 'info',
}

/** "2026 年底总评 · 示例县委" */
export function cycleLabel(t: Translate, cycle: Cycle): string {
  return `${cycle.year} ${phaseLabel(t, cycle.phase)} · ${cycle.jurisdiction.name}`
}
