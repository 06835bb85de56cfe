import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import FindingView from '@/features/lagging/views/FindingView.vue'
import ScreeningBoardView from '@/features/lagging/views/ScreeningBoardView.vue'
import { mountRoute, settle, township, village } from './fortress-fixtures'
import { json, mockFetch } from './fetch-mock'

const stubs = [
  { path: '/lagging', name: 'lagging-board', component: { render: () => null } },
  { path: '/lagging/plans/:planId', name: 'plan', component: { render: () => null } },
  { path: '/organizations', name: 'organizations', component: { render: () => null } },
]
const meCounty = { username: 'county.admin', kind: 'USER', roles: ['county-admin'], jurisdiction: { id: 2, code: 'P231202000000', name: '江北区委', level: 'COUNTY' } }
const meTownship = { username: 'township.official', kind: 'USER', roles: ['township-official'], jurisdiction: township }

function finding(overrides: Record<string, unknown> = {}) {
  return {
    id: 41, organization: village, township, year: 2026, catalogueLabel: 'DEFAULT-2026', criterionCode: 'C04',
    criterionTitle: '组织制度形同虚设、不开展党组织活动', classifiesDirectly: true, state: 'SUSPECTED', source: 'SCREENING',
    raisedBy: 'screening', raisedAt: '2026-11-20T01:00:00Z', stateChangedAt: '2026-11-20T01:00:00Z', revision: 3,
    triggerData: { rule: 'NO_MEETINGS', months: 3, lastMeetingOn: '2026-06-30' }, planId: null,
    events: [{ id: 1, at: '2026-11-20T01:00:00Z', actor: 'screening', action: 'PROPOSE', fromState: null, toState: 'SUSPECTED', reason: '连续 3 个月无三会一课记录', attachmentIds: [5] }],
    attachments: [{ id: 5, findingId: 41, fileName: '会议记录.png', mediaType: 'image/png', sizeBytes: 2048, sha256: 'a'.repeat(64), uploadedBy: 'township.official', uploadedAt: '2026-11-20T02:00:00Z' }],
    allowedActions: ['CONFIRM', 'DISMISS'],
    ...overrides,
  }
}

const body = () => document.body

describe('finding page', () => {
  it('shows the header, trigger data, timeline and files; confirms with If-Match; on 412 reloads and says so', async () => {
    let gets = 0
    const { calls } = mockFetch((url, request) => {
      if (url.pathname === '/api/v1/me') return json(meCounty)
      if (url.pathname === '/api/v1/findings/41' && request.method === 'GET') {
        gets++
        return new Response(JSON.stringify(finding({ revision: gets === 1 ? 3 : 4 })), { headers: { 'content-type': 'application/json', ETag: `"${gets === 1 ? 3 : 4}"` } })
      }
      if (url.pathname === '/api/v1/findings/41/transitions') {
        return json({ type: 'urn:bastion:problem:stale', title: '数据已被他人修改 / Stale', status: 412, current: finding({ revision: 4 }) }, 412, 'application/problem+json')
      }
      return undefined
    })
    const { wrapper } = await mountRoute('/lagging/findings/41', [...stubs, { path: '/lagging/findings/:findingId', name: 'finding', component: FindingView }])
    await settle(() => expect(wrapper.find('[data-testid="finding-head"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="finding-criterion"]').text()).toBe('C04')
    expect(wrapper.find('[data-testid="finding-state"]').attributes('data-state')).toBe('SUSPECTED')
    expect(wrapper.find('[data-testid="finding-catalogue"]').text()).toBe('DEFAULT-2026')
    expect(wrapper.find('[data-testid="trigger-data"]').text()).toContain('未开展三会一课')
    expect(wrapper.find('[data-testid="trigger-data"]').text()).toContain('2026-06-30')
    expect(wrapper.find('[data-testid="finding-timeline"]').text()).toContain('连续 3 个月无三会一课记录')
    expect(wrapper.find('[data-testid="finding-timeline"]').text()).toContain('会议记录.png')
    expect(wrapper.find('[data-testid="attachments"]').text()).toContain('2 KB')

    await wrapper.find('[data-testid="finding-confirm"]').trigger('click')
    await settle(() => expect(body().querySelector('textarea[data-testid="transition-reason"]')).not.toBeNull())
    const reason = body().querySelector<HTMLTextAreaElement>('textarea[data-testid="transition-reason"]')!
    reason.value = '核实属实'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    body().querySelector<HTMLButtonElement>('[data-testid="transition-submit"]')!.click()
    await settle(() => expect(gets).toBe(2))
    const post = calls.find((c) => c.method === 'POST')!
    expect(post.headers.get('If-Match')).toBe('"3"')
    expect(await post.clone().json()).toEqual({ action: 'CONFIRM', reason: '核实属实' })
    await settle(() => expect(body().textContent).toContain('该记录刚被他人更改'))
    wrapper.unmount()
  }, 30_000)

  it('shows the problem of a 409 (the finding moved on) in the dialog', async () => {
    mockFetch((url, request) => {
      if (url.pathname === '/api/v1/me') return json({ ...meCounty, roles: ['county-admin'] })
      if (url.pathname === '/api/v1/findings/41' && request.method === 'GET') return json(finding())
      if (url.pathname === '/api/v1/findings/41/transitions') {
        return json({ type: 'urn:bastion:problem:conflict', title: '状态不允许此操作 / Not allowed', status: 409, detail: '已认定', state: 'CONFIRMED', allowedActions: [] }, 409, 'application/problem+json')
      }
      return undefined
    })
    const { wrapper } = await mountRoute('/lagging/findings/41', [...stubs, { path: '/lagging/findings/:findingId', name: 'finding', component: FindingView }])
    await settle(() => expect(wrapper.find('[data-testid="finding-dismiss"]').exists()).toBe(true))
    await wrapper.find('[data-testid="finding-dismiss"]').trigger('click')
    await settle(() => expect(body().querySelector('textarea[data-testid="transition-reason"]')).not.toBeNull())
    const reason = body().querySelector<HTMLTextAreaElement>('textarea[data-testid="transition-reason"]')!
    reason.value = '误报'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    body().querySelector<HTMLButtonElement>('[data-testid="transition-submit"]')!.click()
    await settle(() => expect(body().querySelector('[data-testid="transition-dialog"]')!.textContent).toContain('状态不允许此操作'))
    wrapper.unmount()
  }, 30_000)
})

describe('screening board', () => {
  it('shows the counts on the tabs, the findings of the tab, the raise and screening buttons and the overdue panel', async () => {
    const { calls } = mockFetch((url) => {
      if (url.pathname === '/api/v1/me') return json(meTownship)
      if (url.pathname === '/api/v1/findings') {
        return json({ items: [finding()], page: 1, size: 20, totalItems: 1, totalPages: 1,
          counts: { SUSPECTED: 1, CONFIRMED: 2, RECTIFYING: 3, ACCEPTED: 1, CLEARED: 1, DISMISSED: 2 } })
      }
      if (url.pathname === '/api/v1/catalogues/effective') return json({ label: 'DEFAULT-2026', year: 2026, name: '默认', builtIn: true, definition: { criteria: [], rectification: {} } })
      if (url.pathname === '/api/v1/screening-runs') return json({ items: [], page: 1, size: 1, totalItems: 0, totalPages: 0 })
      if (url.pathname === '/api/v1/rectification-overdue') {
        return json({ today: '2026-11-22', taskCount: 1, visitMonthCount: 0, truncated: false, items: [
          { kind: 'TASK', planId: 9, organization: village, township, daysOverdue: 4, taskId: 1, problem: '班子不全', owner: '张三', deadline: '2026-11-18', status: 'TODO' },
        ] })
      }
      return undefined
    })
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { wrapper } = await mountRoute('/lagging', [{ path: '/lagging', name: 'lagging-board', component: ScreeningBoardView },
      { path: '/lagging/findings/:findingId', name: 'finding', component: { render: () => null } }, ...stubs.slice(1)])
    await settle(() => expect(wrapper.findAll('.finding-row').length).toBe(1))
    expect(wrapper.find('[data-testid="count-SUSPECTED"]').attributes('data-count')).toBe('1')
    expect(wrapper.find('[data-testid="count-CLOSED"]').attributes('data-count')).toBe('4')
    expect(wrapper.find('[data-testid="raise-open"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="run-screening"]').exists()).toBe(true)
    await settle(() => expect(wrapper.find('[data-testid="overdue-panel"]').text()).toContain('逾期 4 天'))
    const list = calls.map((c) => new URL(c.url)).find((u) => u.pathname === '/api/v1/findings')!
    expect(list.searchParams.get('state')).toBe('SUSPECTED')
    wrapper.unmount()
  }, 30_000)
})
