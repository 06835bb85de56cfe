import type { BulkFindingResult } from './api/bulk-transition'
import type { FindingSummary } from './api/list-findings'
import type { FindingState } from './labels'

export interface OutcomeRow {
  findingId: number
  name: string
  ok: boolean
  status: number
  state: FindingState | null
  problem: string | null
}

/** Each item's outcome of a bulk transition, named after its organisation (failures first). */
export function outcomeRows(result: BulkFindingResult, rows: Pick<FindingSummary, 'id' | 'organization' | 'criterionCode'>[]): OutcomeRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]))
  return result.items
    .map((item) => {
      const row = byId.get(item.findingId)
      const problem = item.problem ? [item.problem.title, item.problem.detail].filter(Boolean).join(': ') : null
      return {
        findingId: item.findingId,
        name: row ? `${row.organization.name} · ${row.criterionCode}` : `#${item.findingId}`,
        ok: item.status >= 200 && item.status < 300,
        status: item.status,
        state: item.state ?? null,
        problem,
      }
    })
    .sort((a, b) => Number(a.ok) - Number(b.ok))
}
