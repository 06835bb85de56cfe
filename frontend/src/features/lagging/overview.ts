import type { LaggingCount, LaggingSummary } from './api/classification'
import { formatShare } from './labels'

export interface ChartRow {
  id: number | null
  name: string
  graded: number
  lagging: number
  /** The exact share as sent ("12.5"). */
  share: string
  shareText: string
}

/**
 * A township's or county's name as a chart label: the Party committee's name without "中共" and
 * "(工作)委员会" / "党委" ("中共朝阳街道工作委员会" → "朝阳街道"), so that labels stay short.
 */
export function shortOrgName(name: string): string {
  const short = name.replace(/^中共/u, '').replace(/(工作委员会|委员会|党工委|党委)$/u, '')
  return short || name
}

function row(c: LaggingCount, fallback: string): ChartRow {
  return {
    id: c.organization?.id ?? null,
    name: c.organization ? shortOrgName(c.organization.name) : fallback,
    graded: c.graded,
    lagging: c.lagging,
    share: c.laggingShare,
    shareText: formatShare(c.laggingShare),
  }
}

/**
 * What the chart draws: per township under a county or township scope; per county for a city-wide
 * scope (a city user who has not narrowed down), where townships would be too many to read.
 */
export function chartRows(summary: LaggingSummary | undefined, by: 'township' | 'county', fallback = '—'): ChartRow[] {
  if (!summary) return []
  const list = by === 'county' ? summary.counties : summary.townships
  return list.map((c) => row(c, fallback))
}

export function totalRow(summary: LaggingSummary | undefined, fallback: string): ChartRow | null {
  return summary ? row(summary.total, fallback) : null
}
