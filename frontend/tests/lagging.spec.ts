import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api'
import type { Me } from '@/features/session/api/get-me'
import { boardParams, parseBoardQuery, tabCount, toBoardQuery } from '@/features/lagging/board-state'
import { currentYear, todayInChina } from '@/features/lagging/dates'
import { checkEvidenceFile, fileNameFromDisposition, formatBytes, MAX_EVIDENCE_BYTES } from '@/features/lagging/files'
import { formatShare } from '@/features/lagging/labels'
import { chartRows, shortOrgName, totalRow } from '@/features/lagging/overview'
import { canAttach, canRaise, canRunScreening, findingUiActions, isCountyAdmin } from '@/features/lagging/permissions'
import { conflictInfo, isStale } from '@/features/lagging/problems'
import { outcomeRows } from '@/features/lagging/review'
import { triggerRows } from '@/features/lagging/trigger'

const jurisdiction = { id: 109, code: 'P231202101000', name: '中共牛心镇委员会', level: 'TOWNSHIP' as const }
const me = (...roles: Me['roles']): Me => ({ username: 'u', kind: 'USER', roles, jurisdiction })

describe('evidence file checks', () => {
  it('takes PNG, JPEG and PDF up to 5 MiB, by type or else by name', () => {
    expect(checkEvidenceFile({ name: 'a.png', size: 10, type: 'image/png' })).toBeNull()
    expect(checkEvidenceFile({ name: 'scan.JPG', size: 10, type: '' })).toBeNull()
    expect(checkEvidenceFile({ name: 'minutes.pdf', size: MAX_EVIDENCE_BYTES, type: 'application/pdf' })).toBeNull()
  })
  it('names what is wrong: empty, too large, wrong type', () => {
    expect(checkEvidenceFile({ name: 'a.png', size: 0, type: 'image/png' })).toBe('empty')
    expect(checkEvidenceFile({ name: 'a.png', size: MAX_EVIDENCE_BYTES + 1, type: 'image/png' })).toBe('tooLarge')
    expect(checkEvidenceFile({ name: 'a.gif', size: 10, type: 'image/gif' })).toBe('wrongType')
    expect(checkEvidenceFile({ name: 'a.exe', size: 10, type: '' })).toBe('wrongType')
    // A declared type wins over the name: a PNG name with an HTML type is refused.
    expect(checkEvidenceFile({ name: 'a.png', size: 10, type: 'text/html' })).toBe('wrongType')
    expect(checkEvidenceFile({ name: 'noextension', size: 10, type: '' })).toBe('wrongType')
  })
  it('formats sizes and reads the download name', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB')
    expect(fileNameFromDisposition(`attachment; filename="a.png"; filename*=UTF-8''%E4%BC%9A%E8%AE%AE.png`)).toBe('会议.png')
    expect(fileNameFromDisposition('attachment; filename="minutes.pdf"')).toBe('minutes.pdf')
    expect(fileNameFromDisposition(null)).toBeNull()
  })
})

describe('what the UI offers by role and state', () => {
  it('lets officials raise, county admins confirm; auditors only read', () => {
    expect(canRaise(me('township-official'))).toBe(true)
    expect(canRaise(me('auditor'))).toBe(false)
    expect(isCountyAdmin(me('county-admin'))).toBe(true)
    expect(isCountyAdmin(me('city-admin'))).toBe(false)
    expect(canRunScreening(me('township-official'))).toBe(true)
    expect(canRunScreening(me('auditor'))).toBe(false)
    expect(canAttach(me('township-official'), 'SUSPECTED')).toBe(true)
    expect(canAttach(me('township-official'), 'CLEARED')).toBe(false)
    expect(canAttach(me('auditor'), 'SUSPECTED')).toBe(false)
  })
  it('shows the server’s allowed transitions, plan creation for a confirmed finding of a county admin', () => {
    expect(findingUiActions(me('county-admin'), { state: 'SUSPECTED', allowedActions: ['DISMISS', 'CONFIRM'] })).toEqual({
      transitions: ['CONFIRM', 'DISMISS'], createPlan: false, openPlan: false, upload: true,
    })
    expect(findingUiActions(me('county-admin'), { state: 'CONFIRMED', allowedActions: [], planId: null }).createPlan).toBe(true)
    expect(findingUiActions(me('township-official'), { state: 'CONFIRMED', allowedActions: [] }).createPlan).toBe(false)
    expect(findingUiActions(me('county-admin'), { state: 'RECTIFYING', allowedActions: [], planId: 7 })).toMatchObject({ createPlan: false, openPlan: true })
    expect(findingUiActions(me('auditor'), { state: 'SUSPECTED', allowedActions: [] })).toEqual({
      transitions: [], createPlan: false, openPlan: false, upload: false,
    })
  })
})

describe('screening board state', () => {
  it('reads the URL, ignoring what is not valid', () => {
    expect(parseBoardQuery({ tab: 'CLOSED', under: '12', criterion: 'C04', source: 'SCREENING', page: '3', size: '50' })).toEqual({
      tab: 'CLOSED', under: 12, criterion: 'C04', source: 'SCREENING', page: 3, size: 50,
    })
    expect(parseBoardQuery({ tab: 'X', under: 'abc', criterion: 'c04;drop', source: 'OTHER', page: '-1', size: '7' })).toEqual({
      tab: 'SUSPECTED', under: null, criterion: undefined, source: undefined, page: 1, size: 20,
    })
  })
  it('writes only what differs from the defaults, and asks the API for the tab’s states', () => {
    expect(toBoardQuery({ tab: 'SUSPECTED', under: null, page: 1, size: 20 })).toEqual({})
    const state = parseBoardQuery({ tab: 'CLOSED', criterion: 'C01' })
    expect(boardParams(state)).toEqual({ state: 'ACCEPTED,CLEARED,DISMISSED', page: 1, size: 20, criterion: 'C01' })
  })
  it('counts a tab from the counts per state', () => {
    const counts = { SUSPECTED: 4, CONFIRMED: 2, RECTIFYING: 1, ACCEPTED: 1, CLEARED: 3, DISMISSED: 5 }
    expect(tabCount('SUSPECTED', counts)).toBe(4)
    expect(tabCount('CLOSED', counts)).toBe(9)
    expect(tabCount('CONFIRMED', undefined)).toBeNull()
  })
})

describe('problems of a finding write', () => {
  it('reads the state and allowed actions of a 409', () => {
    const e = new ApiError({ status: 409, title: '状态不允许', body: { state: 'CONFIRMED', allowedActions: [] } })
    expect(conflictInfo(e)).toEqual({ state: 'CONFIRMED', allowedActions: [] })
    expect(conflictInfo(new ApiError({ status: 400, title: 'x' }))).toBeNull()
    expect(isStale(new ApiError({ status: 412, title: 'stale' }))).toBe(true)
  })
  it('names each bulk outcome after its organisation, failures first', () => {
    const rows = [
      { id: 1, organization: { id: 11, code: 'P231202101201', name: '甲村党支部', level: 'VILLAGE' as const }, criterionCode: 'C01' },
      { id: 2, organization: { id: 12, code: 'P231202101202', name: '乙村党支部', level: 'VILLAGE' as const }, criterionCode: 'C04' },
    ]
    const result = {
      succeeded: 1, failed: 1,
      items: [
        { findingId: 1, status: 200, state: 'CONFIRMED' as const, revision: 3 },
        { findingId: 2, status: 409, state: 'DISMISSED' as const, problem: { type: 'urn:x', title: '状态冲突', status: 409, detail: '已排除' } },
      ],
    }
    expect(outcomeRows(result, rows)).toEqual([
      { findingId: 2, name: '乙村党支部 · C04', ok: false, status: 409, state: 'DISMISSED', problem: '状态冲突: 已排除' },
      { findingId: 1, name: '甲村党支部 · C01', ok: true, status: 200, state: 'CONFIRMED', problem: null },
    ])
  })
})

describe('figures shown as sent', () => {
  it('shows a lagging share with a per-cent sign, trailing zeros dropped', () => {
    expect(formatShare('12.5')).toBe('12.5%')
    expect(formatShare('0')).toBe('0%')
    expect(formatShare('33.0')).toBe('33%')
    expect(formatShare(null)).toBe('—')
  })
  it('turns a summary into chart rows per township or county', () => {
    const count = (name: string | null, graded: number, lagging: number, share: string) => ({
      organization: name ? { id: graded, code: 'P231202101000', name, level: 'TOWNSHIP' as const } : null,
      graded, lagging, laggingShare: share, suspected: 0, confirmed: lagging, rectifying: 0,
    })
    const summary = {
      cycleId: 1, basis: 'LIVE' as const, total: count(null, 40, 3, '7.5'),
      counties: [count('江北区', 40, 3, '7.5')], townships: [count('牛心镇', 20, 2, '10.0'), count('东风镇', 20, 1, '5.0')],
    }
    expect(chartRows(summary, 'township').map((r) => [r.name, r.lagging, r.shareText])).toEqual([['牛心镇', 2, '10%'], ['东风镇', 1, '5%']])
    expect(chartRows(summary, 'county')).toHaveLength(1)
    expect(totalRow(summary, '全部')).toMatchObject({ name: '全部', graded: 40, lagging: 3, shareText: '7.5%' })
  })
  it('shortens committee names for chart labels', () => {
    expect(shortOrgName('中共朝阳街道工作委员会')).toBe('朝阳街道')
    expect(shortOrgName('中共牛心镇委员会')).toBe('牛心镇')
    expect(shortOrgName('中共江北区委')).toBe('江北区委')
    expect(shortOrgName('委员会')).toBe('委员会')
  })
  it('lists the trigger data of a screening proposal with labels', () => {
    const rows = triggerRows({ rule: 'SECRETARY_VACANCY', vacantDays: 200, lastMeetingOn: null, extra: { a: 1 } }, (k) => `[${k}]`, (r) => `rule:${r}`)
    expect(rows).toEqual([
      { key: 'rule', label: '[rule]', value: 'rule:SECRETARY_VACANCY' },
      { key: 'vacantDays', label: '[vacantDays]', value: '200' },
      { key: 'lastMeetingOn', label: '[lastMeetingOn]', value: '—' },
      { key: 'extra', label: '[extra]', value: '{"a":1}' },
    ])
    expect(triggerRows(null, (k) => k)).toEqual([])
  })
  it('takes today in China, not the browser’s zone', () => {
    // 2026-12-31 20:00 UTC is already 2027-01-01 in Beijing.
    expect(todayInChina(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01')
    expect(currentYear(new Date('2026-12-31T20:00:00Z'))).toBe(2027)
  })
})
