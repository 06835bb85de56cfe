import { expect, test, type Locator, type Page } from '@playwright/test'
import { loginAt, logoutToLoginPage, SCREENSHOTS } from './support'

/*
 * Lagging organisations end to end, against the real backend and Keycloak (its own Playwright project,
 * after the organisation browser and before the fortress spec; it needs nothing from either):
 * a township official raises a suspicion on a village with evidence text and a PNG; the county admin
 * confirms it (bulk review), makes a rectification plan with a task due yesterday (shown overdue),
 * the task is done with evidence, a visit recorded, the plan accepted (85 points, 18 of 20 satisfied)
 * and cleared: the finding is CLEARED and the plan shows its follow-up date. Screening the township
 * proposes suspicions from the demo data (a long vacancy, months without meetings, no venue).
 *
 * Re-runs: the village is one of the township without any live finding, so a second run on the same
 * database walks another village.
 */

const TOWNSHIP_CODE = 'P231202101000'
const SCREENSHOT = { fullPage: true, animations: 'disabled' } as const
/** An 8×8 red PNG, made here rather than kept as a file. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGPYoqyFFTEMLQkAPb9AQTlu1BYAAAAASUVORK5CYII='

interface Org { id: number; code: string; name: string; level: string; graded?: boolean }
interface FindingSummary { id: number; organization: Org; state: string; criterionCode: string }

/** Calls the API as the signed-in user (the token of the SPA's OIDC session). */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'))
      const token = key ? (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token : ''
      const response = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      return { status: response.status, body: text ? JSON.parse(text) : null }
    },
    { method, path, body },
  )
}

/** Today where the officials are (the backend counts overdue days in Asia/Shanghai). */
function today(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

/** A graded village of the township with no live finding (so nothing of an earlier run is in the way). */
async function freshVillage(page: Page): Promise<Org> {
  const me = (await api<{ jurisdiction: Org }>(page, 'GET', '/api/v1/me')).body
  expect(me.jurisdiction.code).toBe(TOWNSHIP_CODE)
  const villages = (await api<{ items: Org[] }>(page, 'GET', `/api/v1/organizations?under=${me.jurisdiction.id}&level=VILLAGE&size=200&sort=divisionCode`)).body.items
  const live = (await api<{ items: FindingSummary[] }>(page, 'GET', '/api/v1/findings?state=SUSPECTED,CONFIRMED,RECTIFYING,ACCEPTED&size=200')).body.items
  const busy = new Set(live.map((f) => f.organization.id))
  const village = villages.find((v) => v.graded && !busy.has(v.id))
  expect(village, 'a graded village without live findings').toBeTruthy()
  return village!
}

/** Picks an option of an Element Plus select (the dropdown is teleported to the body). */
async function choose(page: Page, select: Locator, text: string, search?: string) {
  await select.click()
  if (search) await page.keyboard.type(search)
  const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: text }).first()
  await expect(option).toBeVisible()
  await option.click()
}

/** Types a date into an Element Plus date picker and commits it. */
async function pickDate(page: Page, testid: string, date: string) {
  const input = page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first()
  await input.click()
  await input.fill(date)
  await input.press('Enter')
  await expect(input).toHaveValue(date)
}

test('a suspicion raised by the township is confirmed, rectified, accepted and cleared by the county', async ({ page }) => {
  test.setTimeout(300_000)
  const consoleErrors: string[] = []
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))

  // ---- the township official raises a suspicion with evidence text and a PNG
  await loginAt(page, '/lagging', 'township.official')
  await expect(page.locator('h1')).toHaveText('后进党组织排查看板')
  const village = await freshVillage(page)
  await page.locator('[data-testid="raise-open"]').click()
  const dialog = page.locator('[data-testid="raise-dialog"]').last()
  await expect(dialog).toBeVisible()
  await choose(page, dialog.locator('[data-testid="raise-organization"]'), village.name, village.name)
  await choose(page, dialog.locator('[data-testid="raise-criterion"]'), 'C03')
  await dialog.locator('textarea[data-testid="raise-reason"]').fill('村两委班子长期不团结,多项工作无法开展')
  await dialog.locator('textarea[data-testid="raise-evidence"]').fill('镇纪委 2026 年 10 月走访记录;村民来信 3 件')
  await dialog.locator('input[data-testid="raise-file"]').setInputFiles({
    name: '走访记录.png', mimeType: 'image/png', buffer: Buffer.from(PNG_BASE64, 'base64'),
  })
  await expect(dialog.locator('[data-testid="raise-files"]')).toContainText('走访记录.png')
  await dialog.locator('[data-testid="raise-submit"]').click()
  await expect(page).toHaveURL(/\/lagging\/findings\/\d+$/)
  const findingId = Number(page.url().split('/').pop())
  await expect(page.locator('[data-testid="finding-head"] [data-testid="finding-state"]').first()).toHaveAttribute('data-state', 'SUSPECTED')
  await expect(page.locator('[data-testid="finding-criterion"]')).toHaveText('C03')
  await expect(page.locator('[data-testid="attachments"]')).toContainText('走访记录.png')
  await expect(page.locator('[data-testid="finding-event"][data-action="RAISE"]')).toContainText('镇纪委 2026 年 10 月走访记录')
  // A township official may dismiss but not confirm.
  await expect(page.locator('[data-testid="finding-dismiss"]')).toBeVisible()
  await expect(page.locator('[data-testid="finding-confirm"]')).toHaveCount(0)
  // The file comes back through the API with the token.
  const download = page.waitForEvent('download')
  await page.locator('[data-testid="attachment-download"]').first().click()
  expect((await download).suggestedFilename()).toMatch(/\.png$/)
  await page.screenshot({ path: `${SCREENSHOTS}/lagging-finding.png`, ...SCREENSHOT })

  // ---- it stands on the board, under 疑似
  await page.goto('/lagging?criterion=C03')
  await expect(page.locator('[data-testid="finding-board"]')).toHaveAttribute('aria-busy', 'false')
  await expect(page.locator(`[data-finding="${findingId}"]`).first()).toBeVisible()
  await expect(page.locator('[data-testid="count-SUSPECTED"]')).not.toHaveAttribute('data-count', '0')
  await page.goto('/lagging')
  await expect(page.locator('[data-testid="finding-board"]')).toHaveAttribute('aria-busy', 'false')
  await page.screenshot({ path: `${SCREENSHOTS}/lagging-board.png`, ...SCREENSHOT })
  await logoutToLoginPage(page)

  // ---- the county admin confirms it in the county review (one reason, per-item outcome)
  await loginAt(page, '/lagging/review', 'county.admin')
  const row = page.locator('.review-row', { has: page.locator(`[data-finding="${findingId}"]`) })
  await expect(row).toBeVisible()
  await row.locator('.el-checkbox').click()
  await page.screenshot({ path: `${SCREENSHOTS}/lagging-county-review.png`, ...SCREENSHOT })
  await page.locator('[data-testid="bulk-confirm"]').click()
  const confirmDialog = page.locator('[data-testid="transition-dialog"]').last()
  await confirmDialog.locator('textarea[data-testid="transition-reason"]').fill('经县委组织部核实,情况属实')
  await confirmDialog.locator('[data-testid="transition-submit"]').click()
  const outcomes = page.locator('[data-testid="bulk-outcomes"]').last()
  await expect(outcomes.locator('[data-testid="bulk-outcome"]').first()).toHaveAttribute('data-status', '200')
  await outcomes.getByRole('button', { name: '关闭' }).last().click()

  // ---- the finding page: CONFIRMED; the county admin makes the plan
  await page.goto(`/lagging/findings/${findingId}`)
  await expect(page.locator('[data-testid="finding-head"] [data-testid="finding-state"]').first()).toHaveAttribute('data-state', 'CONFIRMED')
  await page.locator('[data-testid="create-plan"]').click()
  const planDialog = page.locator('[data-testid="create-plan-dialog"]').last()
  await planDialog.locator('input[data-testid="plan-leader-name"]').fill('王建国')
  await planDialog.locator('input[data-testid="plan-leader-title"]').fill('区委常委、组织部部长')
  await planDialog.locator('input[data-testid="plan-fs-name"]').fill('李明')
  await planDialog.locator('input[data-testid="plan-fs-unit"]').fill('区农业农村局')
  await pickDate(page, 'plan-started-on', today(-40))
  await planDialog.locator('textarea[data-testid="plan-reason"]').fill('认定为软弱涣散党组织,启动整顿')
  await planDialog.locator('[data-testid="create-plan-submit"]').click()
  await expect(page).toHaveURL(/\/lagging\/plans\/\d+$/)
  await expect(page.locator('[data-testid="plan-state"]')).toHaveAttribute('data-state', 'RECTIFYING')
  await expect(page.locator('[data-testid="plan-leader"]')).toHaveText('王建国')
  await expect(page.locator(`[data-testid="plan-finding"][data-id="${findingId}"]`)).toBeVisible()

  // ---- a task due yesterday shows overdue
  await page.locator('[data-testid="add-task"]').click()
  const taskDialog = page.locator('[data-testid="task-dialog"]').last()
  await taskDialog.locator('textarea[data-testid="task-problem"]').fill('班子成员分工不明确,矛盾突出')
  await taskDialog.locator('textarea[data-testid="task-measure"]').fill('召开专题民主生活会,重新明确分工')
  await taskDialog.locator('input[data-testid="task-owner"]').fill('镇党委书记 张伟')
  await pickDate(page, 'task-deadline', today(-1))
  await taskDialog.locator('[data-testid="task-submit"]').click()
  const overdue = page.locator('[data-testid="task-overdue"]').first()
  await expect(overdue).toBeVisible()
  await expect(overdue).toHaveAttribute('data-days', '1')
  await expect(overdue).toContainText('逾期 1 天')
  await expect(page.locator('[data-testid="visit-calendar"] [data-testid="calendar-month"]').first()).toBeVisible()
  await page.screenshot({ path: `${SCREENSHOTS}/lagging-plan-calendar.png`, ...SCREENSHOT })

  // ---- done with evidence; a visit recorded
  await page.locator('[data-testid="edit-task"]').first().click()
  const editDialog = page.locator('[data-testid="task-dialog"]').last()
  await choose(page, editDialog.locator('[data-testid="task-status"]'), '已完成')
  await editDialog.locator('textarea[data-testid="task-evidence"]').fill('2026 年 11 月民主生活会会议记录、分工文件')
  await editDialog.locator('[data-testid="task-submit"]').click()
  await expect(page.locator('[data-testid="task-status-tag"]').first()).toHaveAttribute('data-status', 'DONE')
  await expect(page.locator('[data-testid="task-overdue"]')).toHaveCount(0)

  await page.locator('[data-testid="record-visit"]').click()
  const visitDialog = page.locator('[data-testid="visit-dialog"]').last()
  await expect(visitDialog.locator('input[data-testid="visit-visitor"]')).toHaveValue('王建国')
  await visitDialog.locator('textarea[data-testid="visit-note"]').fill('听取整顿进展汇报')
  await visitDialog.locator('[data-testid="visit-submit"]').click()
  await expect(page.locator(`[data-testid="calendar-month"][data-month="${today().slice(0, 7)}"]`)).toHaveAttribute('data-status', 'OK')

  // ---- acceptance: 85 points, 18 of 20 satisfied → passed
  await page.locator('[data-testid="plan-accept"]').click()
  const acceptDialog = page.locator('[data-testid="acceptance-dialog"]').last()
  await acceptDialog.locator('input[data-testid="accept-points"]').fill('85')
  await acceptDialog.locator('[data-testid="accept-respondents"] input, input[data-testid="accept-respondents"]').first().fill('20')
  await acceptDialog.locator('[data-testid="accept-satisfied"] input, input[data-testid="accept-satisfied"]').first().fill('18')
  await acceptDialog.locator('textarea[data-testid="accept-evidence"]').fill('党员和群众代表测评表 20 份')
  await expect(acceptDialog.locator('[data-testid="accept-preview"]')).toContainText('90%')
  await acceptDialog.locator('textarea[data-testid="accept-reason"]').fill('整改任务全部完成,测评达标')
  await acceptDialog.locator('[data-testid="accept-submit"]').click()
  await expect(page.locator('[data-testid="plan-state"]')).toHaveAttribute('data-state', 'ACCEPTED')
  await expect(page.locator('[data-testid="acceptance-result"]').last()).toHaveAttribute('data-result', 'PASSED')

  // ---- clearance: the plan shows the follow-up date, the finding CLEARED
  await page.locator('[data-testid="plan-clear"]').click()
  const clearDialog = page.locator('[data-testid="clear-dialog"]').last()
  await clearDialog.locator('textarea[data-testid="clear-reason"]').fill('验收通过,予以销号')
  await clearDialog.locator('[data-testid="clear-submit"]').click()
  await expect(page.locator('[data-testid="plan-state"]')).toHaveAttribute('data-state', 'CLEARED')
  await expect(page.locator('[data-testid="plan-follow-up"]')).toHaveText(/^\d{4}-\d{2}-\d{2}$/)
  const followUp = await page.locator('[data-testid="plan-follow-up"]').innerText()
  expect(followUp > today()).toBe(true)
  await page.screenshot({ path: `${SCREENSHOTS}/lagging-plan-cleared.png`, ...SCREENSHOT })
  await page.locator(`[data-testid="plan-finding"][data-id="${findingId}"]`).click()
  await expect(page.locator('[data-testid="finding-head"] [data-testid="finding-state"]').first()).toHaveAttribute('data-state', 'CLEARED')
  await expect(page.locator('[data-testid="finding-event"][data-action="CLEAR"]')).toBeVisible()

  // ---- the overview: lagging per township, with its basis
  await page.goto('/lagging/overview')
  await expect(page.locator('[data-testid="lagging-basis"]')).toBeVisible()
  await expect(page.locator('[data-testid="lagging-chart"]')).toBeVisible()
  await page.waitForTimeout(500) // the chart's entry animation
  await page.screenshot({ path: `${SCREENSHOTS}/lagging-overview.png`, ...SCREENSHOT })
  expect(consoleErrors.filter((e) => !/favicon|Failed to load resource/.test(e))).toEqual([])
  await logoutToLoginPage(page)
})

test('screening the township proposes suspicions from the data', async ({ page }) => {
  test.setTimeout(180_000)
  await loginAt(page, '/lagging', 'township.official')
  await page.locator('[data-testid="run-screening"]').click()
  await page.locator('.el-popconfirm__action .el-button--primary').last().click()
  const result = page.locator('[data-testid="screening-result"]')
  await expect(result).toBeVisible({ timeout: 60_000 })
  // The demo township has a secretary vacant > 180 days, a village without meetings for 3 months and
  // one without a venue: each rule finds something (new now, or already proposed by an earlier run).
  for (const code of ['C01', 'C04', 'C09']) {
    const line = result.locator('[data-testid="screening-criteria"] tr', { hasText: code })
    await expect(line).toBeVisible()
  }
  const runs = (await api<{ items: { proposed: number; alreadyProposed: number; skipped: number; criteria: { code: string; triggered: number }[] }[] }>(page, 'GET', '/api/v1/screening-runs?size=1')).body.items
  for (const code of ['C01', 'C04', 'C09']) expect(runs[0]!.criteria.find((c) => c.code === code)?.triggered ?? 0).toBeGreaterThan(0)
  await page.screenshot({ path: `${SCREENSHOTS}/lagging-screening.png`, ...SCREENSHOT })
  await page.goto('/lagging?source=SCREENING')
  await expect(page.locator('[data-testid="finding-board"]')).toHaveAttribute('aria-busy', 'false')
  await expect(page.locator('.finding-row').first()).toBeVisible()
  // A proposal says which data triggered it.
  await page.locator('.finding-row').first().click()
  await expect(page.locator('[data-testid="trigger-data"]')).toBeVisible()
  await expect(page.locator('[data-testid="finding-source"]')).toContainText('智能排查')

  // The data screening read, where an official fixes it: the vacant secretary post, the missing venue.
  const proposed = async (code: string) =>
    (await api<{ items: FindingSummary[] }>(page, 'GET', `/api/v1/findings?source=SCREENING&criterion=${code}&size=1`)).body.items[0]!.organization
  const vacant = await proposed('C01')
  await page.goto(`/organizations?detail=${vacant.id}`)
  await page.getByRole('tab', { name: '班子职位' }).click()
  const post = page.locator('[data-testid="post-vacant"][data-post="SECRETARY"]')
  await expect(post).toBeVisible()
  expect(Number(await post.getAttribute('data-days'))).toBeGreaterThan(180)
  await page.screenshot({ path: `${SCREENSHOTS}/lagging-org-posts.png`, ...SCREENSHOT })
  const noVenue = await proposed('C09')
  await page.goto(`/organizations?detail=${noVenue.id}`)
  await page.getByRole('tab', { name: '活动场所' }).click()
  await expect(page.locator('[data-testid="venue-none"]')).toBeVisible()
  await page.getByRole('tab', { name: '会议记录' }).click()
  await expect(page.locator('[data-testid="meetings-panel"]')).toBeVisible()
  await page.screenshot({ path: `${SCREENSHOTS}/lagging-org-meetings.png`, ...SCREENSHOT })
  // The drawer's mask covers the header: close it before signing out.
  await page.keyboard.press('Escape')
  await expect(page).not.toHaveURL(/detail=/)
  await logoutToLoginPage(page)
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

  test('the board becomes cards and fits the screen', async ({ page }) => {
    await loginAt(page, '/lagging?tab=CLOSED', 'township.official')
    await expect(page.locator('[data-testid="finding-board"]')).toHaveAttribute('aria-busy', 'false')
    await expect(page.locator('[data-testid="finding-cards"]')).toBeVisible()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `${SCREENSHOTS}/lagging-board-phone.png`, ...SCREENSHOT })
  })
})

test('the board in English', async ({ page }) => {
  await loginAt(page, '/lagging', 'county.admin')
  await expect(page.locator('h1')).toHaveText('后进党组织排查看板')
  await page.locator('[data-testid="locale-switch"]').click()
  await page.locator('[data-testid="locale-en-US"]').click()
  await expect(page.locator('h1')).toHaveText('Screening board of lagging organisations')
  await expect(page.locator('[data-testid="nav-lagging-review"]')).toContainText('County review')
  await expect(page.locator('[data-testid="finding-board"]')).toHaveAttribute('aria-busy', 'false')
  await page.screenshot({ path: `${SCREENSHOTS}/lagging-board-en.png`, ...SCREENSHOT })
  // Back to Chinese for whoever signs in next in this browser profile.
  await page.locator('[data-testid="locale-switch"]').click()
  await page.locator('[data-testid="locale-zh-CN"]').click()
})
