import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { ref } from 'vue'
import StarBadge from '@/features/fortress/components/StarBadge.vue'
import ExplanationView from '@/features/fortress/views/ExplanationView.vue'
import RuleSetEditor from '@/features/rule-sets/components/RuleSetEditor.vue'
import { createAppI18n } from '@/lib/i18n'
import { percentage, sumDecimals, compareDecimals } from '@/lib/decimal'
import { definition, mountRoute, settle, village } from './fortress-fixtures'
import { json, mockFetch } from './fetch-mock'

vi.mock('@/features/fortress/components/DimensionChart.vue', () => ({
  default: { name: 'DimensionChart', props: ['groups'], template: '<div data-testid="dimension-chart" />' },
}))

describe('exact decimals', () => {
  it('adds and compares without floating point', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3')
    expect(sumDecimals(['8', '6.5', '4.25'])).toBe('18.75')
    expect(sumDecimals(['50.4', '18', '16.6', '1', '-2'])).toBe('84.0')
    expect(compareDecimals('6.50', '6.5')).toBe(0)
    expect(compareDecimals('6.01', '6')).toBe(1)
  })
  it('computes a satisfaction rate, marking a rounded one', () => {
    expect(percentage(18, 20)).toEqual({ value: '90', exact: true })
    expect(percentage(2, 3)).toEqual({ value: '66.67', exact: false })
  })
})

describe('star badge', () => {
  it('fills as many stars as earned', () => {
    const wrapper = mount(StarBadge, { props: { stars: 4 }, global: { plugins: [createAppI18n('zh-CN')] } })
    expect(wrapper.findAll('.star')).toHaveLength(5)
    expect(wrapper.findAll('.star.on')).toHaveLength(4)
    expect(wrapper.attributes('aria-label')).toBe('4 星')
    expect(wrapper.attributes('data-stars')).toBe('4')
  })
})

const index = {
  cycleId: 1, organization: village, ruleSetLabel: 'P231200000000-2026-v1',
  exactIndex: '83.95', officialIndex: '84.0', complete: false, missing: ['RICH_COLLECTIVE', 'masses'], stars: 3, vetoed: false, published: false,
  explanation: {
    indicators: [
      { dimensionCode: 'LEAD', dimensionName: '班子建设', code: 'LEAD_SECRETARY', name: '书记履职', verified: '7.5', max: '8' },
      { dimensionCode: 'LEAD', dimensionName: '班子建设', code: 'LEAD_TEAM', name: '班子配备', verified: '5.25', max: '6' },
      { dimensionCode: 'RICH', dimensionName: '发展带富', code: 'RICH_COLLECTIVE', name: '集体经济', max: '10' },
    ],
    verifiedTotal: '12.75', maxTotal: '24', assessment: '53.125',
    terms: [
      { kind: 'ASSESSMENT', label: '考核得分', weight: '0.6', base: '53.125', value: '31.875' },
      { kind: 'MEMBERS_SATISFACTION', label: '党员评议', weight: '0.2', base: '90', value: '18' },
      { kind: 'MASSES_SATISFACTION', label: '群众评议', weight: '0.2', base: '0', value: '0' },
      { kind: 'BONUS', code: 'BONUS_HONOR', label: '获市级以上表彰', value: '3' },
      { kind: 'DEDUCTION', code: 'DED_SAFETY', label: '安全生产事故', value: '-1' },
      { kind: 'CLAMP', label: '限定', value: '32.075' },
    ],
    unclampedIndex: '83.95',
    bonuses: [{ code: 'BONUS_HONOR', name: '获市级以上表彰', requested: '4', itemCap: '3', counted: '3', reasons: ['省级先进基层党组织'] }],
    deductions: [{ code: 'DED_SAFETY', name: '安全生产事故', requested: '1', itemCap: '5', counted: '1', reasons: ['一般事故'] }],
    vetoes: [],
    rounding: 'HALF_UP, 1 位小数',
  },
}

describe('explanation view', () => {
  it('shows the official index, the scores with subtotals, the terms and their sum, and the rounding', async () => {
    mockFetch((url) => (url.pathname === '/api/v1/cycles/1/fortress-indices/113' ? json(index) : undefined))
    const { wrapper } = await mountRoute('/fortress/113/explanation?cycle=1', [
      { path: '/fortress/:orgId/explanation', name: 'explanation', component: ExplanationView },
    ])
    await settle(() => expect(wrapper.find('[data-testid="official-index"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="official-index"]').text()).toBe('84.0')
    expect(wrapper.find('[data-testid="star-badge"]').attributes('data-stars')).toBe('3')
    expect(wrapper.find('[data-testid="explain-rule-set"]').text()).toBe('P231200000000-2026-v1')
    expect(wrapper.find('[data-testid="tag-incomplete"]').text()).toBe('不完整')
    expect(wrapper.find('[data-testid="missing-list"]').text()).toContain('集体经济、群众评议')
    // Scores by dimension with exact subtotals; a missing score counts 0.
    expect(wrapper.find('[data-testid="dim-verified-LEAD"]').text()).toBe('12.75')
    expect(wrapper.find('[data-testid="dim-max-LEAD"]').text()).toBe('14')
    expect(wrapper.find('[data-testid="dim-verified-RICH"]').text()).toBe('0')
    expect(wrapper.find('[data-testid="missing-score"]').text()).toBe('未填(计 0)')
    expect(wrapper.find('[data-testid="assessment-formula"]').text()).toMatch(/100 × 12\.75 ÷ 24 = 53\.125/)
    // Terms: weight × base = value; adjustments with their reasons and caps.
    const terms = wrapper.findAll('[data-testid="term"]')
    expect(terms.map((t) => t.attributes('data-kind'))).toEqual(['ASSESSMENT', 'MEMBERS_SATISFACTION', 'MASSES_SATISFACTION', 'BONUS', 'DEDUCTION', 'CLAMP'])
    expect(terms[0]!.text()).toContain('0.6 × 53.125')
    expect(terms[0]!.find('[data-testid="term-value"]').text()).toBe('31.875')
    expect(terms[3]!.text()).toContain('省级先进基层党组织')
    expect(terms[3]!.text()).toContain('申报 4,单项上限 3,计入 3')
    expect(wrapper.find('[data-testid="exact-index"]').text()).toBe('83.95')
    expect(wrapper.find('[data-testid="rounded-index"]').text()).toBe('→ 84.0')
    expect(wrapper.text()).toContain('四舍五入保留一位小数')
    // 31.875 + 18 + 0 + 3 − 1 + 32.075 = 83.95: the terms add up, so no warning.
    expect(wrapper.find('[data-testid="sum-mismatch"]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('rule-set editor', () => {
  it('shows each validation error next to its field and the totals per place type', async () => {
    const { calls } = mockFetch((url) =>
      url.pathname === '/api/v1/rule-sets/validation'
        ? json({ valid: false, errors: [
            { field: 'dimensions[0].indicators[1].max', message: '必须大于 0 / must be greater than 0' },
            { field: 'weights', message: '权重之和必须为 1 (现为 0.9) / weights must sum to 1 (they sum to 0.9)' },
            { field: 'bonuses[0].code', message: '编码重复: LEAD / duplicate code LEAD' },
          ] })
        : undefined,
    )
    const model = ref(JSON.parse(JSON.stringify(definition)))
    const wrapper = mount(RuleSetEditor, {
      props: { modelValue: model.value, debounceMs: 0, 'onUpdate:modelValue': (v: unknown) => (model.value = v) },
      global: { plugins: [createAppI18n('zh-CN')] },
      attachTo: document.body,
    })
    await settle(() => expect(wrapper.find('[data-testid="validation-summary"]').attributes('data-valid')).toBe('false'))
    const err = (field: string) => wrapper.find(`[data-testid="field-error"][data-field="${field}"]`)
    expect(err('dimensions[0].indicators[1].max').text()).toContain('必须大于 0')
    // next to its field: inside the same indicator row
    expect(wrapper.find('[data-testid="indicator-0-1"]').find('[data-testid="field-error"]').text()).toContain('必须大于 0')
    expect(err('weights').text()).toContain('权重之和必须为 1')
    expect(err('bonuses[0].code').text()).toContain('编码重复')
    expect(wrapper.find('[data-testid="validation-summary"]').text()).toContain('3 处问题')
    const sent = await calls[0]!.clone().json()
    expect(sent.dimensions[0].indicators[0]).not.toHaveProperty('description')

    // Fixed: the server says valid and gives the totals per place type.
    mockFetch(() => json({ valid: true, errors: [], totalMax: { VILLAGE: '24', COMMUNITY: '24' } }))
    await wrapper.find('input[data-testid="weight-assessment"]').setValue('0.60')
    await settle(() => expect(wrapper.find('[data-testid="validation-summary"]').attributes('data-valid')).toBe('true'))
    expect(wrapper.find('[data-testid="total-max-VILLAGE"]').text()).toContain('24')
    expect(wrapper.find('[data-testid="field-error"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
