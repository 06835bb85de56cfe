import { describe, expect, it } from 'vitest'
import ScorecardView from '@/features/fortress/views/ScorecardView.vue'
import { cycle, mountRoute, ruleSet, scorecard, settle } from './fortress-fixtures'
import { json, mockFetch, type Route } from './fetch-mock'

const me = { username: 'township.official', kind: 'USER', roles: ['township-official'], jurisdiction: { id: 109, code: 'P231202101000', name: '中共牛心镇委员会', level: 'TOWNSHIP' } }

function backend(card = scorecard(), put?: Route) {
  return mockFetch(
    (url, request) => (put && request.method === 'PUT' ? put(url, request) : undefined),
    (url) => {
      if (url.pathname === '/api/v1/me') return json(me)
      if (url.pathname === '/api/v1/cycles/1') return new Response(JSON.stringify(cycle), { headers: { 'content-type': 'application/json', ETag: '"0"' } })
      if (url.pathname === '/api/v1/rule-sets/7') return new Response(JSON.stringify(ruleSet), { headers: { 'content-type': 'application/json', ETag: '"0"' } })
      if (url.pathname === '/api/v1/cycles/1/scorecards/113') {
        return new Response(JSON.stringify(card), { headers: { 'content-type': 'application/json', ETag: `"${card.revision}"` } })
      }
      return undefined
    },
  )
}

const mountScorecard = () =>
  mountRoute('/fortress/113/scorecard?cycle=1', [{ path: '/fortress/:orgId/scorecard', name: 'scorecard', component: ScorecardView }])

const errorFor = (wrapper: Awaited<ReturnType<typeof mountScorecard>>['wrapper'], field: string) =>
  wrapper.find(`[data-testid="field-error"][data-field="${field}"]`)

describe('scorecard form', () => {
  it('shows only the indicators of the place type, self and verified side by side', async () => {
    backend()
    const { wrapper } = await mountScorecard()
    await settle(() => expect(wrapper.find('[data-testid="score-table"]').exists()).toBe(true))
    const codes = wrapper.findAll('tr.indicator-row').map((r) => r.attributes('data-indicator'))
    expect(codes).toEqual(['LEAD_SECRETARY', 'LEAD_TEAM', 'RICH_COLLECTIVE'])
    expect((wrapper.find('input[data-testid="self-LEAD_SECRETARY"]').element as HTMLInputElement).value).toBe('7')
    expect((wrapper.find('input[data-testid="verified-LEAD_SECRETARY"]').element as HTMLInputElement).value).toBe('6.5')
    expect(wrapper.find('[data-testid="max-total"]').text()).toBe('24')
    expect(wrapper.find('[data-testid="members-rate"]').text()).toBe('90%')
    wrapper.unmount()
  })

  it('validates as you type: range, two decimals, evaluations, reasons', async () => {
    backend()
    const { wrapper } = await mountScorecard()
    await settle(() => expect(wrapper.find('[data-testid="verified-LEAD_TEAM"]').exists()).toBe(true))
    await wrapper.find('input[data-testid="verified-LEAD_TEAM"]').setValue('6.5')
    expect(errorFor(wrapper, 'items.LEAD_TEAM.verifiedScore').text()).toBe('不能超过满分 6')
    await wrapper.find('input[data-testid="self-LEAD_TEAM"]').setValue('1.234')
    expect(errorFor(wrapper, 'items.LEAD_TEAM.selfScore').text()).toBe('须为 0 到 999 的数,最多两位小数')
    await wrapper.find('input[data-testid="self-LEAD_TEAM"]').setValue('5.75')
    expect(errorFor(wrapper, 'items.LEAD_TEAM.selfScore').exists()).toBe(false)
    await wrapper.find('input[data-testid="masses-respondents"]').setValue('10')
    await wrapper.find('input[data-testid="masses-satisfied"]').setValue('11')
    expect(errorFor(wrapper, 'masses.satisfied').text()).toBe('满意人数不能多于参评人数')
    await wrapper.find('input[data-testid="masses-satisfied"]').setValue('7')
    expect(errorFor(wrapper, 'masses.satisfied').exists()).toBe(false)
    expect(wrapper.find('[data-testid="masses-rate"]').text()).toBe('70%')
    await wrapper.find('[data-testid="add-bonuses"]').trigger('click')
    expect(errorFor(wrapper, 'bonuses[0].reason').text()).toBe('请填写理由')
    expect(errorFor(wrapper, 'bonuses[0].points').text()).toBe('须为 0 到 999 的数,最多两位小数')
    wrapper.unmount()
  })

  it('sends If-Match with the ETag it read, and maps 400 field errors back to their inputs', async () => {
    const { calls } = backend(scorecard(), () =>
      json({ type: 'urn:bastion:problem:validation', title: '请求参数无效 / Invalid request', status: 400,
        errors: [{ field: 'items[1].verifiedScore', message: '必须在 0 到 6 之间 / must be between 0 and 6' }] }, 400, 'application/problem+json'))
    const { wrapper } = await mountScorecard()
    await settle(() => expect(wrapper.find('[data-testid="verified-LEAD_TEAM"]').exists()).toBe(true))
    await wrapper.find('input[data-testid="verified-LEAD_TEAM"]').setValue('5')
    await wrapper.find('[data-testid="save-scorecard"]').trigger('click')
    await settle(() => expect(errorFor(wrapper, 'items.LEAD_TEAM.verifiedScore').exists()).toBe(true))
    expect(errorFor(wrapper, 'items.LEAD_TEAM.verifiedScore').text()).toContain('必须在 0 到 6 之间')
    const put = calls.find((c) => c.method === 'PUT')!
    expect(put.headers.get('If-Match')).toBe('"3"')
    const body = await put.clone().json()
    expect(body.items).toEqual([
      { indicatorCode: 'LEAD_SECRETARY', selfScore: '7', verifiedScore: '6.5', note: '在岗' },
      { indicatorCode: 'LEAD_TEAM', verifiedScore: '5' },
    ])
    expect(body.members).toEqual({ respondents: 20, satisfied: 18 })
    expect(body).not.toHaveProperty('masses')
    wrapper.unmount()
  })

  it('on 412 lists what changed, field by field, and can keep my edits on top of theirs', async () => {
    const theirs = scorecard({ revision: 4, items: [{ indicatorCode: 'LEAD_SECRETARY', selfScore: '7', verifiedScore: '8', note: '在岗' }],
      masses: { respondents: 50, satisfied: 45 } })
    const { calls } = backend(scorecard(), (_url, request) =>
      request.headers.get('If-Match') === '"3"'
        ? json({ type: 'urn:bastion:problem:stale', title: '数据已被他人修改', status: 412, current: theirs }, 412, 'application/problem+json')
        : new Response(JSON.stringify({ ...theirs, revision: 5 }), { headers: { 'content-type': 'application/json', ETag: '"5"' } }))
    const { wrapper } = await mountScorecard()
    await settle(() => expect(wrapper.find('[data-testid="verified-LEAD_TEAM"]').exists()).toBe(true))
    await wrapper.find('input[data-testid="verified-LEAD_TEAM"]').setValue('4')
    await wrapper.find('[data-testid="save-scorecard"]').trigger('click')
    await settle(() => expect(document.body.querySelector('[data-testid="conflict-dialog"]')).not.toBeNull())
    const dialog = document.body.querySelector('[data-testid="conflict-dialog"]')!
    const fields = Array.from(dialog.querySelectorAll('[data-testid="conflict-field"]')).map((e) => e.getAttribute('data-field'))
    expect(fields).toEqual(['items.LEAD_SECRETARY.verifiedScore', 'items.LEAD_TEAM.verifiedScore', 'masses.respondents', 'masses.satisfied'])
    expect(dialog.textContent).toContain('书记履职 · 核定')
    const row = (field: string) => Array.from(dialog.querySelectorAll('tr')).find((tr) => tr.querySelector(`[data-field="${field}"]`))!
    expect(row('items.LEAD_SECRETARY.verifiedScore').querySelector('[data-testid="conflict-mine"]')!.textContent).toBe('6.5')
    expect(row('items.LEAD_SECRETARY.verifiedScore').querySelector('[data-testid="conflict-theirs"]')!.textContent).toBe('8')
    expect(row('items.LEAD_TEAM.verifiedScore').querySelector('[data-testid="conflict-mine"]')!.textContent).toBe('4')
    expect(row('masses.respondents').querySelector('[data-testid="conflict-theirs"]')!.textContent).toBe('50')

    ;(dialog.querySelector('[data-testid="conflict-keep-mine"]') as HTMLElement).click()
    await settle(() => expect((wrapper.find('input[data-testid="verified-LEAD_SECRETARY"]').element as HTMLInputElement).value).toBe('8'))
    expect((wrapper.find('input[data-testid="verified-LEAD_TEAM"]').element as HTMLInputElement).value).toBe('4')
    expect((wrapper.find('input[data-testid="masses-respondents"]').element as HTMLInputElement).value).toBe('50')
    await wrapper.find('[data-testid="save-scorecard"]').trigger('click')
    await settle(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2))
    expect(calls.filter((c) => c.method === 'PUT')[1]!.headers.get('If-Match')).toBe('"4"')
    wrapper.unmount()
  })

  it('turns read-only on 409 with the problem detail', async () => {
    backend(scorecard(), () =>
      json({ type: 'urn:bastion:problem:conflict', title: '周期已锁定', status: 409, detail: '公示期间只有县委组织部可以更正' }, 409, 'application/problem+json'))
    const { wrapper } = await mountScorecard()
    await settle(() => expect(wrapper.find('[data-testid="save-scorecard"]').exists()).toBe(true))
    await wrapper.find('[data-testid="save-scorecard"]').trigger('click')
    await settle(() => expect(wrapper.find('[data-testid="locked-alert"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="locked-alert"]').text()).toContain('公示期间只有县委组织部可以更正')
    expect(wrapper.find('[data-testid="save-scorecard"]').exists()).toBe(false)
    expect(wrapper.find('input[data-testid="verified-LEAD_TEAM"]').attributes('disabled')).toBeDefined()
    wrapper.unmount()
  })

  it('is read-only with the reason when the scorecard is not editable', async () => {
    backend(scorecard({ cycleState: 'PUBLISHED', editable: false }))
    const { wrapper } = await mountScorecard()
    await settle(() => expect(wrapper.find('[data-testid="readonly-alert"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="readonly-alert"]').text()).toContain('该周期已发布')
    expect(wrapper.find('[data-testid="save-scorecard"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
