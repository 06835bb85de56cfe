import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import App from '@/App.vue'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { ElLoading } from 'element-plus'
import OrganizationBrowserView from '@/features/organizations/views/OrganizationBrowserView.vue'
import { createAppI18n } from '@/lib/i18n'
import { json, mockFetch } from './fetch-mock'

const county = { id: 10, code: 'P231202000000', name: '示例县委', level: 'COUNTY' }
const township = {
  id: 100, code: 'P231202101000', name: '城关镇党委', level: 'TOWNSHIP', orgType: 'PARTY_COMMITTEE',
  placeType: null, parentId: 10, divisionCode: '231202101000', countyCode: '231202', childCount: 23, graded: false,
}
const village = (n: number) => ({
  id: 1000 + n, code: `P231202101${String(n).padStart(3, '0')}`, name: `第${n}村党支部`, placeName: `第${n}村`,
  level: 'VILLAGE', orgType: 'BRANCH', placeType: n === 3 ? 'COMMUNITY' : 'VILLAGE', parentId: 100,
  divisionCode: `231202101${String(n).padStart(3, '0')}`, countyCode: '231202', childCount: 0, graded: true,
})

function backend() {
  return mockFetch((url) => {
    if (url.pathname === '/api/v1/me') {
      return json({ username: 'county.admin', displayName: '李县', kind: 'USER', roles: ['county-admin'], jurisdiction: county })
    }
    if (url.pathname === '/api/v1/organizations/100') return json({ ...township, ancestors: [county], divisionCodes: [] })
    if (url.pathname === '/api/v1/organizations/1002') {
      return json({
        ...village(2), ancestors: [county, { id: 100, code: township.code, name: township.name, level: 'TOWNSHIP' }],
        divisionCodes: [
          { code: '231202101002', validFrom: '2021-01-01', validTo: null },
          { code: '231202101099', validFrom: '2009-01-01', validTo: '2020-12-31' },
        ],
      })
    }
    if (url.pathname === '/api/v1/organizations' && url.searchParams.get('parentId') === '100') {
      return json({ items: [1, 2, 3].map(village), page: 2, size: 20, totalItems: 23, totalPages: 2 })
    }
    if (url.pathname === '/api/v1/organizations' && url.searchParams.get('q') === '231203') {
      return json({ items: [], page: 1, size: 20, totalItems: 0, totalPages: 0 })
    }
    if (url.pathname === '/api/v1/organizations/10') return json({ ...township, ...county, ancestors: [], divisionCodes: [] })
    return undefined
  })
}

async function mountAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/organizations', name: 'organizations', component: OrganizationBrowserView },
      { path: '/', name: 'home', component: { render: () => null } }],
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

async function settle(check: () => void) {
  for (let i = 0; i < 50; i++) {
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

describe('organisation browser', () => {
  it('shows the breadcrumb and a page of the node’s children from the URL', async () => {
    const { calls } = backend()
    const { wrapper } = await mountAt('/organizations?node=100&page=2')
    await settle(() => expect(wrapper.findAll('[data-testid="org-name"]')).toHaveLength(3))

    const crumbs = wrapper.find('[data-testid="org-breadcrumb"]').text()
    expect(crumbs).toContain('示例县委')
    expect(crumbs).toContain('城关镇党委')
    expect(wrapper.findAll('[data-testid="org-name"]').map((n) => n.text())).toEqual(['第1村党支部', '第2村党支部', '第3村党支部'])
    expect(wrapper.findAll('[data-testid="org-level"]').map((n) => n.attributes('data-level'))).toEqual(['VILLAGE', 'VILLAGE', 'VILLAGE'])
    expect(wrapper.text()).toContain('党支部')
    expect(wrapper.text()).toContain('社区')
    expect(wrapper.text()).toContain('231202 101 001')
    expect(wrapper.text()).toContain('共 23 条')

    const list = calls.map((c) => new URL(c.url)).find((u) => u.pathname === '/api/v1/organizations')!
    expect(Object.fromEntries(list.searchParams)).toEqual({ parentId: '100', page: '2', size: '20' })
    wrapper.unmount()
  })

  it('opens a village’s details with its division-code history on click', async () => {
    backend()
    const { wrapper, router } = await mountAt('/organizations?node=100')
    await settle(() => expect(wrapper.findAll('.org-row')).toHaveLength(3))
    await wrapper.findAll('.org-row')[1]!.trigger('click')
    await settle(() => expect(router.currentRoute.value.query.detail).toBe('1002'))
    await settle(() => expect(document.body.querySelector('[data-testid="division-history"]')).not.toBeNull())
    const drawer = Array.from(document.body.querySelectorAll('[data-testid="org-detail"]')).map((e) => e.textContent).join(' ')
    expect(drawer).toContain('2009-01-01')
    expect(drawer).toContain('2020-12-31')
    expect(drawer).toContain('现行')
    expect(drawer).toContain('城关镇党委')
    wrapper.unmount()
  })

  it('searches the whole jurisdiction and says when nothing matches', async () => {
    const { calls } = backend()
    const { wrapper, router } = await mountAt('/organizations?node=100')
    await settle(() => expect(wrapper.findAll('.org-row')).toHaveLength(3))
    await wrapper.find('input[data-testid="org-search"]').setValue('231203')
    await wrapper.find('form[role="search"]').trigger('submit')
    await settle(() => expect(wrapper.text()).toContain('没有符合条件的组织'))
    expect(router.currentRoute.value.query).toEqual({ node: '100', q: '231203' })
    const search = calls.map((c) => new URL(c.url)).find((u) => u.searchParams.get('q') === '231203')!
    expect(search.searchParams.has('parentId')).toBe(false)
    expect(wrapper.find('[data-testid="org-breadcrumb"]').text()).toContain('搜索结果')
    wrapper.unmount()
  })

  it('shows the problem title and detail when the API refuses', async () => {
    mockFetch((url) =>
      url.pathname === '/api/v1/me'
        ? json({ username: 'x', kind: 'USER', roles: ['county-admin'], jurisdiction: county })
        : json({ type: 'about:blank', title: '未找到 / Not Found', status: 404, detail: '没有这个组织' }, 404, 'application/problem+json'),
    )
    const { wrapper } = await mountAt('/organizations?node=999')
    await settle(() => expect(wrapper.find('[role="alert"]').exists()).toBe(true))
    expect(wrapper.find('[role="alert"]').text()).toContain('未找到 / Not Found')
    expect(wrapper.find('[role="alert"]').text()).toContain('没有这个组织')
    wrapper.unmount()
  })

  it('shows cards instead of a table on a phone-sized screen', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('max-width'),
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    }))
    backend()
    const { wrapper, router } = await mountAt('/organizations?node=100')
    await settle(() => expect(wrapper.findAll('.org-card')).toHaveLength(3))
    expect(wrapper.find('.el-table').exists()).toBe(false)
    expect(wrapper.findAll('.org-card [data-testid="org-name"]').map((n) => n.text())).toEqual(['第1村党支部', '第2村党支部', '第3村党支部'])
    await wrapper.findAll('.org-card')[0]!.trigger('click')
    await settle(() => expect(router.currentRoute.value.query.detail).toBe('1001'))
    wrapper.unmount()
  })
})
