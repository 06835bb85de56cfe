import { describe, expect, it } from 'vitest'
import type { Me } from '@/features/session/api/get-me'
import { addDays, calendarCounts, calendarYears, monthBounds, monthClass, visitsInMonth } from '@/features/rectification/calendar'
import { acceptancePreview, overdueDays, planUiActions, unfinishedTasks } from '@/features/rectification/plan-logic'
import { checklistScore, CHECKLIST_ITEMS, emptyChecklist, isArea, vacancyLevel } from '@/features/organization-data/checklist'

const me = (...roles: Me['roles']): Me => ({
  username: 'u', kind: 'USER', roles, jurisdiction: { id: 2, code: 'P231202000000', name: '江北区委', level: 'COUNTY' },
})
const month = (m: string, status: 'OK' | 'OVERDUE' | 'DUE', recorded = 0) => ({ month: m, required: 1, recorded, status })

describe('visit calendar', () => {
  it('lays the months out by year, twelve cells each, gaps empty', () => {
    const years = calendarYears([month('2025-11', 'OK', 1), month('2025-12', 'OVERDUE'), month('2026-01', 'DUE')])
    expect(years.map((y) => y.year)).toEqual([2025, 2026])
    expect(years[0]!.months.map((m) => m?.status ?? null)).toEqual([...Array(10).fill(null), 'OK', 'OVERDUE'])
    expect(years[1]!.months[0]!.status).toBe('DUE')
    expect(years[1]!.months.slice(1).every((m) => m === null)).toBe(true)
  })
  it('colours OK green, OVERDUE red, DUE amber and counts them', () => {
    expect(['OK', 'OVERDUE', 'DUE', undefined].map((s) => monthClass(s as never))).toEqual(['ok', 'overdue', 'due', 'none'])
    expect(calendarCounts([month('2026-01', 'OK'), month('2026-02', 'OVERDUE'), month('2026-03', 'OVERDUE')])).toEqual({ OK: 1, OVERDUE: 2, DUE: 0 })
  })
  it('finds a month’s visits and its bounds; adds days in calendar arithmetic', () => {
    const visits = [{ visitedOn: '2026-02-20' }, { visitedOn: '2026-03-01' }, { visitedOn: '2026-02-03' }]
    expect(visitsInMonth(visits, '2026-02').map((v) => v.visitedOn)).toEqual(['2026-02-03', '2026-02-20'])
    expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' })
    expect(monthBounds('bad')).toBeNull()
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
})

describe('plan actions and acceptance', () => {
  it('lets writers edit a rectifying plan, only county admins accept and clear', () => {
    expect(planUiActions(me('township-official'), { state: 'RECTIFYING', allowedActions: ['ACCEPT'] })).toEqual({ edit: true, accept: false, clear: false })
    expect(planUiActions(me('county-admin'), { state: 'RECTIFYING', allowedActions: ['ACCEPT'] })).toEqual({ edit: true, accept: true, clear: false })
    expect(planUiActions(me('county-admin'), { state: 'ACCEPTED', allowedActions: ['CLEAR'] })).toEqual({ edit: false, accept: false, clear: true })
    expect(planUiActions(me('auditor'), { state: 'RECTIFYING', allowedActions: ['ACCEPT'] })).toEqual({ edit: false, accept: false, clear: false })
    expect(planUiActions(me('city-admin'), { state: 'ACCEPTED', allowedActions: ['CLEAR'] }).clear).toBe(false)
  })
  it('previews the pass test exactly: ≥ points and satisfied/respondents ≥ percent', () => {
    const settings = { acceptanceMinPoints: '70', acceptanceMinSatisfactionPercent: '50' }
    expect(acceptancePreview({ ratingPoints: '85', respondents: 20, satisfied: 18 }, settings)).toEqual({ pointsMet: true, satisfactionMet: true })
    expect(acceptancePreview({ ratingPoints: '69.99', respondents: 20, satisfied: 10 }, settings)).toEqual({ pointsMet: false, satisfactionMet: true })
    expect(acceptancePreview({ ratingPoints: '70.00', respondents: 3, satisfied: 1 }, settings)).toEqual({ pointsMet: true, satisfactionMet: false })
    // 2/3 = 66.666…% against 66.67: not met (no rounding up).
    expect(acceptancePreview({ ratingPoints: '70', respondents: 3, satisfied: 2 }, { ...settings, acceptanceMinSatisfactionPercent: '66.67' }).satisfactionMet).toBe(false)
    expect(acceptancePreview({ ratingPoints: 'x', respondents: null, satisfied: null }, settings)).toEqual({ pointsMet: null, satisfactionMet: null })
    expect(acceptancePreview({ ratingPoints: '80', respondents: 5, satisfied: 6 }, settings).satisfactionMet).toBeNull()
  })
  it('names unfinished tasks and overdue days', () => {
    expect(unfinishedTasks([{ id: 1, status: 'DONE' }, { id: 2, status: 'TODO' }, { id: 3, status: 'IN_PROGRESS' }])).toEqual([2, 3])
    expect(overdueDays({ overdue: true, daysOverdue: 1 })).toBe(1)
    expect(overdueDays({ overdue: false, daysOverdue: 0 })).toBeNull()
  })
})

describe('organisation data', () => {
  it('scores the 24-item venue checklist per group', () => {
    expect(CHECKLIST_ITEMS).toHaveLength(24)
    const c = { ...emptyChecklist(), signage: true, water: true, power: true, flag: true }
    expect(checklistScore(c)).toEqual({
      met: 4, total: 24,
      groups: [
        { group: 'WU_HUA', met: 1, total: 5 }, { group: 'LIU_TONG', met: 2, total: 6 },
        { group: 'LIU_SHI', met: 0, total: 6 }, { group: 'QI_YOU', met: 1, total: 7 },
      ],
    })
  })
  it('checks areas and marks long vacancies', () => {
    expect(isArea('320.5')).toBe(true)
    expect(isArea('0')).toBe(false)
    expect(isArea('0.0')).toBe(false)
    expect(isArea('12.34')).toBe(false)
    expect(vacancyLevel(181)).toBe('long')
    expect(vacancyLevel(180)).toBe('short')
    expect(vacancyLevel(null)).toBeNull()
  })
})
