import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import SummarySection from '@/features/grading/components/SummarySection.vue'
import TownshipGradingView from '@/features/grading/views/TownshipGradingView.vue'
import { movementMatrix } from '@/features/grading/logic'
import { createAppI18n } from '@/lib/i18n'
import { cycle, mountRoute, settle, township, village } from './fortress-fixtures'
import { json, mockFetch } from './fetch-mock'
import { summary } from './grading-fixtures'

vi.mock('@/features/grading/components/GradingChart.vue', () => ({
  default: { name: 'GradingChart', props: ['option', 'height', 'label'], template: '<div data-testid="grading-chart" />' },
}))

describe('summary section', () => {
  it('shows each township against its targets, met or not, with the distance', async () => {
    const wrapper = mount(SummarySection, {
      props: { summary: summary(), matrix: movementMatrix([{ previousTier: 'AVERAGE', tier: 'GOOD' }]) },
      global: { plugins: [createAppI18n('zh-CN')] },
      attachTo: document.body,
    })
    expect(wrapper.find('[data-testid="kpi-graded"]').text()).toBe('20')
    await settle(() => expect(wrapper.findAll('[data-testid="good-target"]')).toHaveLength(2))
    const good = wrapper.findAll('[data-testid="good-target"]')
    expect(good.map((g) => g.attributes('data-met'))).toEqual(['true', 'false'])
    expect(good[0]!.text()).toContain('30% / ≥30%')
    expect(good[0]!.text()).toContain('达标 (±0)')
    expect(good[1]!.text()).toContain('未达标 (−0.01)')
    const poor = wrapper.findAll('[data-testid="poor-target"]')
    expect(poor[1]!.text()).toContain('25% / ≤20%')
    expect(poor[1]!.text()).toContain('(+5)')
    expect(wrapper.find('[data-testid="scope-target-met"]').text()).toBe('目标全部达成')
    expect(wrapper.find('[data-testid="star-warning"]').text()).toContain('五星占比 16.67% 超过指导比例 10%')
    expect(wrapper.find('[data-testid="star-distribution"] li[data-stars="5"]').attributes('data-over')).toBe('true')
    expect(wrapper.find('[data-testid="kpi-lagging-share"]').text()).toBe('8.33%')
    expect(wrapper.findAll('[data-testid="grading-chart"]')).toHaveLength(3)
    wrapper.unmount()
  }, 30_000)
})

const poorVillage = {
  organization: village, divisionCode: '231202101201', township, county: cycle.jurisdiction,
  officialIndex: '72.4', stars: 2, complete: true, vetoed: false, lagging: true,
  laggingCriteria: [{ code: 'C04', title: '组织生活不正常' }], status: 'GRADED', tier: 'POOR', class: 'BACKWARD',
  previousTier: 'AVERAGE', movement: 'DOWN',
  reasons: [
    { kind: 'WEAK_DIMENSION', text: '组织生活 6 / 15 / Organisational life 6 / 15', dimension: { code: 'LIFE', name: '组织生活', verified: '6', max: '15', share: '40' } },
    { kind: 'LAGGING', text: '后进认定 / Lagging', criteria: [{ code: 'C04', title: '组织生活不正常' }] },
  ],
}
const goodVillage = {
  ...poorVillage, organization: { id: 114, code: 'P231202101202', name: '向阳村党支部', level: 'VILLAGE' }, divisionCode: '231202101202',
  officialIndex: '91.0', stars: 4, lagging: false, laggingCriteria: [], tier: 'GOOD', class: 'ADVANCED', previousTier: 'GOOD', movement: 'SAME', reasons: [],
}

describe('township view', () => {
  it('lists the villages with tiers and movements, and why each 较差 village is there', async () => {
    const s = summary()
    mockFetch((url) => {
      if (url.pathname === '/api/v1/me') return json({ username: 'township.official', roles: ['township-official'], jurisdiction: township })
      if (url.pathname === '/api/v1/cycles') return json([{ ...cycle, state: 'PUBLISHED' }])
      if (url.pathname === '/api/v1/organizations/109') return json({ ...township, ancestors: [], codeHistory: [] })
      if (url.pathname === '/api/v1/cycles/1/grading-summary') return json({ ...s, cycleId: 1, published: true, scope: { ...s.scope, organization: township } })
      if (url.pathname === '/api/v1/cycles/1/grading-results') {
        expect(url.searchParams.get('under')).toBe('109')
        return json({ cycleId: 1, published: true, run: s.run, rule: s.rule, items: [poorVillage, goodVillage], page: 1, size: 200, totalItems: 2, totalPages: 1 })
      }
      return undefined
    })
    const { wrapper } = await mountRoute('/grading/township?cycle=1', [
      { path: '/grading/township/:orgId(\\d+)?', name: 'grading-township', component: TownshipGradingView },
    ])
    await settle(() => expect(wrapper.findAll('.village-row').length).toBe(2))
    expect(wrapper.find('[data-testid="township-name"]').text()).toBe('中共牛心镇委员会')
    expect(wrapper.find('[data-testid="grading-published"]').exists()).toBe(true)
    expect(wrapper.findAll('.village-row [data-testid="tier"]').map((t) => t.attributes('data-tier'))).toEqual(['POOR', 'GOOD'])
    expect(wrapper.findAll('.village-row [data-testid="movement"]').map((t) => t.attributes('data-movement'))).toEqual(['DOWN', 'SAME'])
    const poor = wrapper.findAll('[data-testid="poor-village"]')
    expect(poor).toHaveLength(1)
    // lagging first, then the weak dimension; each in Chinese
    const reasons = poor[0]!.findAll('[data-testid="reasons"] li')
    expect(reasons.map((r) => r.attributes('data-kind'))).toEqual(['LAGGING', 'WEAK_DIMENSION'])
    expect(reasons[0]!.text()).toContain('C04 组织生活不正常')
    expect(reasons[1]!.text()).toContain('6 / 15 (40%)')
    expect(reasons[1]!.text()).not.toContain('Organisational')
    expect(poor[0]!.find('[data-testid="poor-explanation"]').attributes('href')).toBe('/fortress/113/explanation?cycle=1')
    expect(poor[0]!.find('[data-testid="poor-findings"]').attributes('href')).toBe('/lagging?tab=CONFIRMED&under=113')
    wrapper.unmount()
  }, 30_000)
})
