import type { VisitMonth } from './api/plans'

export type MonthStatus = VisitMonth['status']

export interface CalendarYear {
  year: number
  /** Twelve cells, January first; null where the plan has no entry (before it started, after acceptance). */
  months: (VisitMonth | null)[]
}

const MONTH = /^([0-9]{4})-([0-9]{2})$/

/** The plan's visit calendar (one entry per month, oldest first) as a grid of years × twelve months. */
export function calendarYears(entries: readonly VisitMonth[]): CalendarYear[] {
  const byYear = new Map<number, (VisitMonth | null)[]>()
  for (const entry of entries) {
    const m = MONTH.exec(entry.month)
    if (!m) continue
    const year = Number(m[1])
    const month = Number(m[2])
    if (month < 1 || month > 12) continue
    if (!byYear.has(year)) byYear.set(year, Array.from({ length: 12 }, () => null))
    byYear.get(year)![month - 1] = entry
  }
  return [...byYear.entries()].sort(([a], [b]) => a - b).map(([year, months]) => ({ year, months }))
}

/** The colour class of a month: OK green, OVERDUE red, DUE amber. */
export function monthClass(status: MonthStatus | undefined): string {
  return status === 'OK' ? 'ok' : status === 'OVERDUE' ? 'overdue' : status === 'DUE' ? 'due' : 'none'
}

/** The visits of one month ("2026-10"), by their day. */
export function visitsInMonth<V extends { visitedOn: string }>(visits: readonly V[], month: string): V[] {
  return visits.filter((v) => v.visitedOn.startsWith(`${month}-`)).sort((a, b) => a.visitedOn.localeCompare(b.visitedOn))
}

/** The first and last day of a month "YYYY-MM", as YYYY-MM-DD. */
export function monthBounds(month: string): { first: string; last: string } | null {
  const m = MONTH.exec(month)
  if (!m) return null
  const year = Number(m[1])
  const mon = Number(m[2])
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate()
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` }
}

/** A date "YYYY-MM-DD" plus (or minus) whole days, in calendar arithmetic (no time zone). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const t = new Date(Date.UTC(y, m - 1, d + days))
  return t.toISOString().slice(0, 10)
}

/** Summary counts of a calendar: how many months OK, OVERDUE and DUE. */
export function calendarCounts(entries: readonly VisitMonth[]): Record<MonthStatus, number> {
  const counts: Record<MonthStatus, number> = { OK: 0, OVERDUE: 0, DUE: 0 }
  for (const e of entries) counts[e.status]++
  return counts
}
