/**
 * Pure logic of the grading (升级晋档) pages: labels, exact share and target texts, the series of
 * the charts and the movement matrix. Shares and distances stay the exact decimal strings the API
 * sent; numbers are made of them only to draw.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { compareDecimals, trimDecimal } from '@/lib/decimal'
import type { GradingClass, GradingFigures, GradingResult, Movement, ResultsParams, ResultsSort, Tier } from './api'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** Best first. */
export const TIERS: readonly Tier[] = ['GOOD', 'FAIRLY_GOOD', 'AVERAGE', 'POOR']
export const CLASSES: readonly GradingClass[] = ['ADVANCED', 'MIDDLE', 'BACKWARD']
export const MOVEMENTS: readonly Movement[] = ['UP', 'SAME', 'DOWN', 'NONE']
export const TIER_COLORS: Record<Tier, string> = { GOOD: '#2e7d32', FAIRLY_GOOD: '#7cb342', AVERAGE: '#f9a825', POOR: '#c62828' }
export const TIER_TAG: Record<Tier, 'success' | 'primary' | 'warning' | 'danger'> = {
  GOOD: 'success', FAIRLY_GOOD: 'primary', AVERAGE: 'warning', POOR: 'danger',
}
export const MOVEMENT_TAG: Record<Movement, 'success' | 'info' | 'danger'> = { UP: 'success', SAME: 'info', DOWN: 'danger', NONE: 'info' }

export const tierLabel = (t: Translate, tier: Tier | null | undefined) => (tier ? t(`grading.tier.${tier}`) : t('grading.noTier'))
export const classLabel = (t: Translate, c: GradingClass | null | undefined) => (c ? t(`grading.class.${c}`) : '—')
export const movementLabel = (t: Translate, m: Movement) => t(`grading.movement.${m}`)

/** A township's or county's name without the party-committee wording, for chart axes: 中共牛心镇委员会 → 牛心镇. */
export function shortOrgName(name: string): string {
  const short = name.replace(/^中共/, '').replace(/(工作委员会|委员会|党委|党工委)$/, '')
  return short || name
}

/** "33.33" → "33.33%", "30.00" → "30%". */
export function formatPercent(share: string | null | undefined): string {
  return share === null || share === undefined ? '—' : `${trimDecimal(share)}%`
}

/** A distance in percentage points with its sign: "+3.33", "-2.5" → "−2.5", "0" → "±0". */
export function formatPoints(points: string): string {
  const value = trimDecimal(points.replace(/^-/, ''))
  const sign = compareDecimals(points, '0')
  return sign > 0 ? `+${value}` : sign < 0 ? `−${value}` : '±0'
}

export interface TargetLine {
  /** Which target: GOOD (好+较好 ≥ min) or POOR (较差 ≤ max). */
  kind: 'GOOD' | 'POOR'
  met: boolean
  actual: string
  target: string
  distance: string
  text: string
}

/**
 * Both targets of a figure as lines of text: "好+较好 36.67% ≥ 30%: 达标 (+6.67 个百分点)".
 * The verdict and distance are the API's (decided exactly on the counts), never recomputed here.
 */
export function targetLines(t: Translate, target: GradingFigures['target']): TargetLine[] {
  return [
    {
      kind: 'GOOD', met: target.goodMet, actual: target.goodShare, target: target.minGoodShare, distance: target.goodDistance,
      text: t('grading.target.goodLine', {
        actual: formatPercent(target.goodShare), target: formatPercent(target.minGoodShare),
        verdict: t(target.goodMet ? 'grading.target.met' : 'grading.target.notMet'), distance: formatPoints(target.goodDistance),
      }),
    },
    {
      kind: 'POOR', met: target.poorMet, actual: target.poorShare, target: target.maxPoorShare, distance: target.poorDistance,
      text: t('grading.target.poorLine', {
        actual: formatPercent(target.poorShare), target: formatPercent(target.maxPoorShare),
        verdict: t(target.poorMet ? 'grading.target.met' : 'grading.target.notMet'), distance: formatPoints(target.poorDistance),
      }),
    },
  ]
}

/** "中文 / English" → the half in the UI language (the whole text when it is not bilingual). */
export function bilingual(text: string, locale: string): string {
  const at = text.indexOf(' / ')
  if (at < 0) return text
  return locale.startsWith('zh') ? text.slice(0, at) : text.slice(at + 3)
}

export const ruleText = (rule: { zh: string; en: string } | undefined, locale: string) =>
  rule ? (locale.startsWith('zh') ? rule.zh : rule.en) : ''

// ---- charts (ECharts options; numbers only for drawing, labels keep the exact text)

export interface TierChartLabels {
  tiers: Record<Tier, string>
  minGood: string
  maxPoor: string
  share: string
}

/**
 * Stacked bars of the tier shares (%) per unit (township or county), best tier at the bottom, and
 * the targets as lines: the share of 好+较好 must reach the "min" line (top of the 较好 block), and
 * 较差 (the top block) must not reach below the "100 − max" line.
 */
export function tierChartOption(units: readonly GradingFigures[], labels: TierChartLabels) {
  const names = units.map((u) => shortOrgName(u.organization.name))
  const series = TIERS.map((tier) => ({
    name: labels.tiers[tier],
    type: 'bar' as const,
    stack: 'tiers',
    barMaxWidth: 36,
    itemStyle: { color: TIER_COLORS[tier] },
    data: units.map((u) => ({
      value: Number(u.tiers[tier].share),
      count: u.tiers[tier].count,
      share: formatPercent(u.tiers[tier].share),
    })),
  }))
  const minLine = {
    name: labels.minGood,
    type: 'line' as const,
    step: 'middle' as const,
    symbol: 'none',
    lineStyle: { type: 'dashed' as const, color: '#1565c0', width: 2 },
    itemStyle: { color: '#1565c0' },
    data: units.map((u) => ({ value: Number(u.target.minGoodShare), share: formatPercent(u.target.minGoodShare) })),
  }
  const maxLine = {
    name: labels.maxPoor,
    type: 'line' as const,
    step: 'middle' as const,
    symbol: 'none',
    lineStyle: { type: 'dotted' as const, color: '#6a1b9a', width: 2 },
    itemStyle: { color: '#6a1b9a' },
    data: units.map((u) => ({ value: 100 - Number(u.target.maxPoorShare), share: formatPercent(u.target.maxPoorShare) })),
  }
  return {
    tooltip: {
      trigger: 'axis' as const,
      axisPointer: { type: 'shadow' as const },
      valueFormatter: undefined,
    },
    legend: { top: 0, type: 'scroll' as const },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category' as const, data: names, axisLabel: { interval: 0, rotate: names.length > 8 ? 40 : 0, fontSize: 11 } },
    yAxis: { type: 'value' as const, max: 100, name: labels.share, axisLabel: { formatter: '{value}%' } },
    series: [...series, minLine, maxLine],
  }
}

/** Rows: the previous annual cycle's tier (or none); columns: this cycle's tier (or none). */
export type MovementKey = Tier | 'NONE'
export type MovementMatrix = Record<MovementKey, Record<MovementKey, number>>
export const MATRIX_KEYS: readonly MovementKey[] = [...TIERS, 'NONE']

export function emptyMatrix(): MovementMatrix {
  const row = () => Object.fromEntries(MATRIX_KEYS.map((k) => [k, 0])) as Record<MovementKey, number>
  return Object.fromEntries(MATRIX_KEYS.map((k) => [k, row()])) as MovementMatrix
}

/** Counts organisations by (previous tier, current tier). */
export function movementMatrix(results: readonly Pick<GradingResult, 'previousTier' | 'tier'>[]): MovementMatrix {
  const matrix = emptyMatrix()
  for (const r of results) matrix[r.previousTier ?? 'NONE'][r.tier ?? 'NONE'] += 1
  return matrix
}

/** UP / SAME / DOWN counted from the matrix (NONE: either side without a tier). */
export function matrixMovements(matrix: MovementMatrix): Record<Movement, number> {
  const counts: Record<Movement, number> = { UP: 0, SAME: 0, DOWN: 0, NONE: 0 }
  for (const from of MATRIX_KEYS)
    for (const to of MATRIX_KEYS) {
      const n = matrix[from][to]
      if (!n) continue
      if (from === 'NONE' || to === 'NONE') counts.NONE += n
      else {
        const d = TIERS.indexOf(from) - TIERS.indexOf(to)
        counts[d > 0 ? 'UP' : d < 0 ? 'DOWN' : 'SAME'] += n
      }
    }
  return counts
}

export interface FlowLabels {
  tiers: Record<Tier, string>
  previousNone: string
  currentNone: string
  previous: string
  current: string
}

/** A Sankey from last year's tiers (left) to this year's (right); only the flows that exist. */
export function movementFlowOption(matrix: MovementMatrix, labels: FlowLabels) {
  const left = (k: MovementKey) => `${labels.previous}·${k === 'NONE' ? labels.previousNone : labels.tiers[k]}`
  const right = (k: MovementKey) => `${labels.current}·${k === 'NONE' ? labels.currentNone : labels.tiers[k]}`
  const color = (k: MovementKey) => (k === 'NONE' ? '#9e9e9e' : TIER_COLORS[k])
  const links = MATRIX_KEYS.flatMap((from) =>
    MATRIX_KEYS.filter((to) => matrix[from][to] > 0).map((to) => ({ source: left(from), target: right(to), value: matrix[from][to] })),
  )
  const used = new Set(links.flatMap((l) => [l.source, l.target]))
  const nodes = [
    ...MATRIX_KEYS.map((k) => ({ name: left(k), itemStyle: { color: color(k) }, depth: 0 })),
    ...MATRIX_KEYS.map((k) => ({ name: right(k), itemStyle: { color: color(k) }, depth: 1 })),
  ].filter((n) => used.has(n.name))
  return {
    tooltip: { trigger: 'item' as const },
    series: [
      {
        type: 'sankey' as const,
        left: 8, right: 90, top: 8, bottom: 8,
        nodeAlign: 'justify' as const,
        layoutIterations: 0,
        emphasis: { focus: 'adjacency' as const },
        lineStyle: { color: 'gradient' as const, opacity: 0.45 },
        label: { fontSize: 12 },
        data: nodes,
        links,
      },
    ],
  }
}

export interface StarChartLabels {
  stars: (n: number) => string
  count: string
  guide: string
}

/** Counts per star rating (5 → 1) as bars. */
export function starChartOption(stars: GradingFigures['stars'], labels: StarChartLabels) {
  const order = [5, 4, 3, 2, 1] as const
  return {
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category' as const, data: order.map((n) => labels.stars(n)) },
    yAxis: { type: 'value' as const, name: labels.count, minInterval: 1 },
    series: [
      {
        name: labels.count,
        type: 'bar' as const,
        barMaxWidth: 40,
        data: order.map((n) => ({ value: stars.counts[String(n) as '1'], itemStyle: { color: n >= 4 ? '#f5a623' : '#bdbdbd' } })),
        label: { show: true, position: 'top' as const },
      },
    ],
  }
}

export interface StarCheck {
  stars: 5 | 4
  share: string
  guide: string | null
  over: boolean
}

/** Five- and four-star shares against the guide; over when the share exceeds it (exactly). */
export function starChecks(stars: GradingFigures['stars']): StarCheck[] {
  return ([
    [5, stars.fiveShare, stars.guideFive ?? null],
    [4, stars.fourShare, stars.guideFour ?? null],
  ] as const).map(([n, share, guide]) => ({ stars: n, share, guide, over: guide !== null && compareDecimals(share, guide) > 0 }))
}

// ---- the results table's state, all in the URL

export const RESULT_SORTS: readonly ResultsSort[] = ['-index', 'index', 'divisionCode', '-divisionCode', 'name', '-name']
export const DEFAULT_RESULT_SORT: ResultsSort = '-index'
export const RESULT_PAGE_SIZES = [20, 50, 100, 200] as const

export interface ResultsState {
  tier?: Tier
  class?: GradingClass
  movement?: Movement
  status?: 'GRADED' | 'INCOMPLETE'
  county?: number
  township?: number
  sort?: ResultsSort
  page: number
  size: number
}

function one(query: LocationQuery, key: string): string | undefined {
  const value = query[key]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' && first !== '' ? first : undefined
}

const id = (v: string | undefined) => (v && /^[0-9]{1,15}$/.test(v) && Number(v) > 0 ? Number(v) : undefined)
function pick<T extends string>(list: readonly T[], v: string | undefined): T | undefined {
  return list.find((x) => x === v)
}

export function parseResultsQuery(query: LocationQuery): ResultsState {
  const page = Number(one(query, 'page'))
  const size = Number(one(query, 'size'))
  return {
    tier: pick(TIERS, one(query, 'tier')),
    class: pick(CLASSES, one(query, 'class')),
    movement: pick(MOVEMENTS, one(query, 'movement')),
    status: pick(['GRADED', 'INCOMPLETE'] as const, one(query, 'status')),
    county: id(one(query, 'county')),
    township: id(one(query, 'township')),
    sort: pick(RESULT_SORTS, one(query, 'sort')),
    page: Number.isInteger(page) && page >= 1 && page <= 100000 ? page : 1,
    size: (RESULT_PAGE_SIZES as readonly number[]).includes(size) ? size : RESULT_PAGE_SIZES[0],
  }
}

export function toResultsQuery(state: Partial<ResultsState>): LocationQueryRaw {
  const q: LocationQueryRaw = {}
  for (const key of ['tier', 'class', 'movement', 'status'] as const) if (state[key]) q[key] = state[key]
  if (state.county) q.county = String(state.county)
  if (state.township) q.township = String(state.township)
  if (state.sort && state.sort !== DEFAULT_RESULT_SORT) q.sort = state.sort
  if (state.page && state.page > 1) q.page = String(state.page)
  if (state.size && state.size !== RESULT_PAGE_SIZES[0]) q.size = String(state.size)
  return q
}

/** The API's filters (export: the same without paging). */
export function resultsParams(state: ResultsState): ResultsParams {
  const { page, size, ...filters } = state
  return { ...exportParams(filters), page, size }
}

export function exportParams(state: Omit<ResultsState, 'page' | 'size'>): Omit<ResultsParams, 'page' | 'size'> {
  const p: Omit<ResultsParams, 'page' | 'size'> = {}
  if (state.tier) p.tier = state.tier
  if (state.class) p.class = state.class
  if (state.movement) p.movement = state.movement
  if (state.status) p.status = state.status
  if (state.county) p.county = state.county
  if (state.township) p.township = state.township
  if (state.sort) p.sort = state.sort
  return p
}

// ---- who may do what

interface MeLike {
  roles: readonly string[]
  jurisdiction: { id: number; level: string }
}

/** County admins grade their county's cycles, city admins any cycle in their city. */
export function canGrade(me: MeLike | null | undefined, cycle: { jurisdiction: { id: number }; state: string } | null | undefined): boolean {
  if (!me || !cycle || cycle.state === 'PUBLISHED') return false
  if (me.roles.includes('city-admin')) return true
  return me.roles.includes('county-admin') && cycle.jurisdiction.id === me.jurisdiction.id
}

/** Which menu entries of grading a user gets (zh-CN labels in the locale files). */
export function gradingMenu(me: MeLike | null | undefined): ('grading' | 'grading-township' | 'grading-results')[] {
  if (!me) return []
  const township = me.roles.includes('township-official')
  const wide = me.roles.some((r) => r === 'county-admin' || r === 'city-admin' || r === 'auditor' || r === 'gov-system')
  return [...(wide ? (['grading'] as const) : []), ...(township ? (['grading-township'] as const) : []), 'grading-results']
}
