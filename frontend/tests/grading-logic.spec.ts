import { describe, expect, it } from 'vitest'
import { exportQuery, fileNameOf, isActiveRun } from '@/features/grading/api'
import {
  bilingual, canGrade, formatPercent, formatPoints, gradingMenu, matrixMovements, movementFlowOption, movementMatrix, parseResultsQuery,
  resultsParams, shortOrgName, starChecks, targetLines, tierChartOption, toResultsQuery, TIERS,
} from '@/features/grading/logic'
import { createAppI18n } from '@/lib/i18n'
import { figures } from './grading-fixtures'

const t = createAppI18n('zh-CN').global.t as unknown as (k: string, n?: Record<string, unknown>) => string
const tEn = createAppI18n('en-US').global.t as unknown as (k: string, n?: Record<string, unknown>) => string
const TIER_NAMES = { GOOD: '好', FAIRLY_GOOD: '较好', AVERAGE: '一般', POOR: '较差' } as const

describe('shares and distances, exactly as sent', () => {
  it('formats percentages without floating point', () => {
    expect(formatPercent('33.33')).toBe('33.33%')
    expect(formatPercent('30.00')).toBe('30%')
    expect(formatPercent('0.10')).toBe('0.1%')
    expect(formatPercent(null)).toBe('—')
  })
  it('signs a distance in percentage points', () => {
    expect(formatPoints('6.67')).toBe('+6.67')
    expect(formatPoints('-0.01')).toBe('−0.01')
    expect(formatPoints('-2.50')).toBe('−2.5')
    expect(formatPoints('0.00')).toBe('±0')
    expect(formatPoints('0')).toBe('±0')
  })
  it('says a target at exactly 30 % / 20 % is met, with distance ±0', () => {
    const lines = targetLines(t, figures(1, 'x').target)
    expect(lines.map((l) => l.met)).toEqual([true, true])
    expect(lines[0]!.text).toBe('好+较好 30%(目标 ≥ 30%):达标(±0 个百分点)')
    expect(lines[1]!.text).toBe('较差 20%(目标 ≤ 20%):达标(±0 个百分点)')
  })
  it('takes the verdict from the API, never from rounded shares', () => {
    const target = { ...figures(1, 'x').target, goodShare: '29.99', goodMet: false, goodDistance: '-0.01', poorShare: '25.00', poorMet: false, poorDistance: '5.00' }
    const [good, poor] = targetLines(tEn, target)
    expect(good!.text).toBe('Good + fairly good 29.99% (target ≥ 30%): not met (−0.01 points)')
    expect(poor!.text).toBe('Poor 25% (target ≤ 20%): not met (+5 points)')
  })
  it('warns when the five- or four-star share exceeds the guide (exact comparison)', () => {
    const stars = figures(1, 'x').stars
    expect(starChecks(stars)).toEqual([
      { stars: 5, share: '16.67', guide: '10', over: true },
      { stars: 4, share: '16.67', guide: '30', over: false },
    ])
    expect(starChecks({ ...stars, fiveShare: '10.00', guideFour: null })).toEqual([
      { stars: 5, share: '10.00', guide: '10', over: false },
      { stars: 4, share: '16.67', guide: null, over: false },
    ])
  })
  it('picks the half of a bilingual text', () => {
    expect(bilingual('指数低于 60 / Index below 60', 'zh-CN')).toBe('指数低于 60')
    expect(bilingual('指数低于 60 / Index below 60', 'en-US')).toBe('Index below 60')
    expect(bilingual('plain', 'en-US')).toBe('plain')
  })
})

describe('movement matrix and flow', () => {
  const results = [
    { previousTier: 'GOOD', tier: 'GOOD' },
    { previousTier: 'AVERAGE', tier: 'FAIRLY_GOOD' },
    { previousTier: 'AVERAGE', tier: 'FAIRLY_GOOD' },
    { previousTier: 'FAIRLY_GOOD', tier: 'POOR' },
    { previousTier: null, tier: 'AVERAGE' },
    { previousTier: 'POOR', tier: null },
  ] as const
  it('counts organisations by previous and current tier', () => {
    const m = movementMatrix(results)
    expect(m.AVERAGE.FAIRLY_GOOD).toBe(2)
    expect(m.GOOD.GOOD).toBe(1)
    expect(m.FAIRLY_GOOD.POOR).toBe(1)
    expect(m.NONE.AVERAGE).toBe(1)
    expect(m.POOR.NONE).toBe(1)
    expect(Object.values(m).flatMap((r) => Object.values(r)).reduce((a, b) => a + b, 0)).toBe(6)
  })
  it('derives up / same / down / none as the API defines them', () => {
    expect(matrixMovements(movementMatrix(results))).toEqual({ UP: 2, SAME: 1, DOWN: 1, NONE: 2 })
  })
  it('builds a Sankey of the flows that exist only, last year on the left', () => {
    const option = movementFlowOption(movementMatrix(results), {
      tiers: TIER_NAMES, previousNone: '无', currentNone: '无', previous: '上年', current: '今年',
    })
    const series = option.series[0]!
    expect(series.type).toBe('sankey')
    expect(series.links).toContainEqual({ source: '上年·一般', target: '今年·较好', value: 2 })
    expect(series.links).toHaveLength(5)
    const names = series.data.map((n) => n.name)
    expect(names).toContain('上年·无')
    expect(names).not.toContain('上年·较好x')
    expect(names).not.toContain('今年·好x')
    // Every node is used by a link (no dangling nodes), and no node on both sides has the same name.
    expect(new Set(names).size).toBe(names.length)
    expect(series.data.filter((n) => n.depth === 0).every((n) => n.name.startsWith('上年'))).toBe(true)
  })
})

describe('tier chart', () => {
  it('shortens party-committee names for the axis', () => {
    expect(shortOrgName('中共牛心镇委员会')).toBe('牛心镇')
    expect(shortOrgName('中共新城街道工作委员会')).toBe('新城街道')
    expect(shortOrgName('中共江北区委')).toBe('江北区委')
    expect(shortOrgName('中共委员会')).toBe('中共委员会')
  })
  it('stacks the four tiers per township and draws both targets', () => {
    const units = [figures(1, '一号镇'), figures(2, '二号镇', { target: { ...figures(2, 'x').target, minGoodShare: '35.50', maxPoorShare: '15' } })]
    const option = tierChartOption(units, { tiers: TIER_NAMES, minGood: '下限', maxPoor: '上限', share: '占比' })
    expect(option.xAxis.data).toEqual(['一号镇', '二号镇'])
    expect(option.series.map((s) => s.name)).toEqual(['好', '较好', '一般', '较差', '下限', '上限'])
    expect(option.series.slice(0, 4).every((s) => s.type === 'bar' && 'stack' in s && s.stack === 'tiers')).toBe(true)
    expect(option.series[0]!.data[0]).toEqual({ value: 10, count: 1, share: '10%' })
    expect(option.series[4]!.data.map((d) => d.value)).toEqual([30, 35.5])
    // the poor maximum is drawn from the top: 100 − max
    expect(option.series[5]!.data.map((d) => d.value)).toEqual([80, 85])
    expect(TIERS).toEqual(['GOOD', 'FAIRLY_GOOD', 'AVERAGE', 'POOR'])
  })
})

describe('results table state', () => {
  it('reads filters from the URL and ignores what is not valid', () => {
    expect(parseResultsQuery({ tier: 'POOR', class: 'X', movement: 'UP', township: '12', county: '-3', page: '2', size: '50', sort: 'name' })).toEqual({
      tier: 'POOR', class: undefined, movement: 'UP', status: undefined, county: undefined, township: 12, sort: 'name', page: 2, size: 50,
    })
    expect(parseResultsQuery({})).toMatchObject({ page: 1, size: 20, sort: undefined })
  })
  it('writes only what differs from the defaults and maps to the API', () => {
    const state = parseResultsQuery({ tier: 'GOOD', page: '1', size: '20', sort: '-index', county: '9' })
    expect(toResultsQuery(state)).toEqual({ tier: 'GOOD', county: '9' })
    expect(resultsParams(state)).toEqual({ tier: 'GOOD', county: 9, sort: '-index', page: 1, size: 20 })
  })
  it('builds the export query and takes the file name from the response', () => {
    expect(exportQuery({ tier: 'POOR', township: 5, sort: '-index' })).toBe('?tier=POOR&township=5&sort=-index')
    expect(exportQuery({})).toBe('')
    expect(fileNameOf('attachment; filename="grading-7.csv"', 'x.csv')).toBe('grading-7.csv')
    expect(fileNameOf(null, 'x.csv')).toBe('x.csv')
  })
})

describe('who may do what', () => {
  const county = { roles: ['county-admin'], jurisdiction: { id: 5, level: 'COUNTY' } }
  const city = { roles: ['city-admin'], jurisdiction: { id: 1, level: 'CITY' } }
  const township = { roles: ['township-official'], jurisdiction: { id: 9, level: 'TOWNSHIP' } }
  const auditor = { roles: ['auditor'], jurisdiction: { id: 5, level: 'COUNTY' } }
  const cycle = (id: number, state = 'OPEN') => ({ jurisdiction: { id }, state })
  it('lets county admins grade their county, city admins any cycle, nobody a published one', () => {
    expect(canGrade(county, cycle(5))).toBe(true)
    expect(canGrade(county, cycle(6))).toBe(false)
    expect(canGrade(city, cycle(6, 'LOCKED'))).toBe(true)
    expect(canGrade(city, cycle(6, 'PUBLISHED'))).toBe(false)
    expect(canGrade(auditor, cycle(5))).toBe(false)
    expect(canGrade(township, cycle(5))).toBe(false)
  })
  it('gives each role its menu entries', () => {
    expect(gradingMenu(county)).toEqual(['grading', 'grading-results'])
    expect(gradingMenu(auditor)).toEqual(['grading', 'grading-results'])
    expect(gradingMenu(township)).toEqual(['grading-township', 'grading-results'])
    expect(gradingMenu(undefined)).toEqual([])
  })
  it('knows when a run is still going', () => {
    expect(isActiveRun({ state: 'RUNNING' } as never)).toBe(true)
    expect(isActiveRun({ state: 'SUCCEEDED' } as never)).toBe(false)
    expect(isActiveRun(undefined)).toBe(false)
  })
})
