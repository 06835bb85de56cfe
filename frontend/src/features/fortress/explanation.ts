import { compareDecimals, sumDecimals } from '@/lib/decimal'
import type { Explanation } from './api/get-fortress-index'

export interface DimensionGroup {
  code: string
  name: string
  indicators: Explanation['indicators']
  /** Σ verified (a missing score counts 0), exact. */
  verified: string
  max: string
}

/** The explanation's indicators grouped by dimension (in their order) with exact subtotals. */
export function groupByDimension(explanation: Explanation): DimensionGroup[] {
  const groups: DimensionGroup[] = []
  for (const indicator of explanation.indicators) {
    let group = groups.find((g) => g.code === indicator.dimensionCode)
    if (!group) {
      group = { code: indicator.dimensionCode, name: indicator.dimensionName, indicators: [], verified: '0', max: '0' }
      groups.push(group)
    }
    group.indicators.push(indicator)
  }
  for (const g of groups) {
    g.verified = sumDecimals(g.indicators.map((i) => i.verified ?? '0'))
    g.max = sumDecimals(g.indicators.map((i) => i.max))
  }
  return groups
}

/** Σ terms, exact, and whether it equals the exact index the server sent (it must). */
export function termsSum(explanation: Explanation, exactIndex: string): { sum: string; matches: boolean } {
  const sum = explanation.terms.length ? sumDecimals(explanation.terms.map((t) => t.value)) : '0'
  return { sum, matches: compareDecimals(sum, exactIndex) === 0 }
}
