import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { ElLoading } from 'element-plus'
import App from '@/App.vue'
import { createAppI18n } from '@/lib/i18n'

export const township = { id: 109, code: 'P231202101000', name: '中共牛心镇委员会', level: 'TOWNSHIP' }
export const village = { id: 113, code: 'P231202101201', name: '丰收屯村党支部', level: 'VILLAGE' }

export const definition = {
  dimensions: [
    { code: 'LEAD', name: '班子建设', indicators: [
      { code: 'LEAD_SECRETARY', name: '书记履职', max: '8' },
      { code: 'LEAD_TEAM', name: '班子配备', max: '6' },
    ] },
    { code: 'RICH', name: '发展带富', indicators: [
      { code: 'RICH_COLLECTIVE', name: '集体经济', max: '10', appliesTo: ['VILLAGE'] },
      { code: 'RICH_CO_BUILD', name: '共驻共建', max: '10', appliesTo: ['COMMUNITY'] },
    ] },
  ],
  bonuses: [{ code: 'BONUS_HONOR', name: '获市级以上表彰', itemCap: '3' }],
  bonusTotalCap: '5',
  deductions: [{ code: 'DED_SAFETY', name: '安全生产事故', itemCap: '5' }],
  deductionTotalCap: '15',
  vetoes: [{ code: 'VETO_CRIME', name: '严重违纪违法' }],
  weights: { assessment: '0.6', members: '0.2', masses: '0.2' },
  stars: { five: '95', four: '85', three: '75', two: '60' },
}

export const cycle = {
  id: 1, jurisdiction: { id: 2, code: 'P231202000000', name: '中共江北区委', level: 'COUNTY' }, year: 2026, phase: 'ANNUAL',
  state: 'OPEN', ruleSet: { id: 7, label: 'P231200000000-2026-v1' }, revision: 0,
}

export const ruleSet = {
  id: 7, label: 'P231200000000-2026-v1', versionNumber: 1, jurisdiction: { id: 1, code: 'P231200000000', name: '中共云岭市委', level: 'CITY' },
  year: 2026, name: '默认', status: 'IN_USE', revision: 0, definition,
}

export function scorecard(overrides: Record<string, unknown> = {}) {
  return {
    items: [{ indicatorCode: 'LEAD_SECRETARY', selfScore: '7', verifiedScore: '6.5', note: '在岗' }],
    members: { respondents: 20, satisfied: 18 },
    bonuses: [], deductions: [], vetoes: [],
    cycleId: 1, organization: village, ruleSetLabel: 'P231200000000-2026-v1', placeType: 'VILLAGE',
    cycleState: 'OPEN', editable: true, revision: 3, updatedAt: '2026-11-20T08:30:00Z',
    ...overrides,
  }
}

export async function mountRoute(path: string, routes: RouteRecordRaw[]) {
  const router = createRouter({
    history: createMemoryHistory(),
    // The stubs first: a route given with the same name replaces its stub.
    routes: [{ path: '/', name: 'home', component: { render: () => null } },
      { path: '/fortress', name: 'fortress', component: { render: () => null } },
      { path: '/fortress/:orgId/scorecard', name: 'scorecard', component: { render: () => null } },
      { path: '/fortress/:orgId/explanation', name: 'explanation', component: { render: () => null } },
      { path: '/rule-sets', name: 'rule-sets', component: { render: () => null } }, ...routes],
  })
  await router.push(path)
  const wrapper = mount(App, {
    attachTo: document.body,
    global: {
      plugins: [router, createPinia(), createAppI18n('zh-CN'), ElLoading,
        [VueQueryPlugin, { queryClient: new QueryClient({ defaultOptions: { queries: { retry: false } } }) }]],
    },
  })
  return { wrapper, router }
}

export async function settle(check: () => void) {
  for (let i = 0; i < 80; i++) {
    await flushPromises()
    try {
      check()
      return
    } catch {
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  check()
}
