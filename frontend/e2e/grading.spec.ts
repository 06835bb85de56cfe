import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { api, COUNTY_CODE, type CycleJson } from './grading-support'
import { loginAt, logoutToLoginPage, SCREENSHOTS } from './support'

/*
 * Grading (升级晋档) end to end, part 1 of 2, against the real backend and Keycloak: the county
 * admin grades the county's OPEN 2026 annual cycle (the job runs, its progress is polled until it
 * succeeds), reads the dashboard (tiers per township against the targets, movement, stars,
 * rankings with their rules), a township's view with the reasons of its 较差 villages, the results
 * table with a filter and the CSV export, and the printable summary; at phone width and in English.
 *
 * It runs in its own Playwright project BEFORE the fortress project, because grading is refused
 * on a PUBLISHED cycle and the fortress spec locks and publishes that same cycle (publishing
 * makes the final grading). Part 2 (grading-published.spec.ts) runs after it and checks that a
 * township official sees the published tiers. On a database where the demo cycle is no longer
 * OPEN (a re-run), the county admin opens a fresh cycle here, which the fortress spec then uses.
 */

const SHOT = { fullPage: true, animations: 'disabled' } as const

/** The county's OPEN annual cycle: the demo 2026 one, or a fresh one on a re-run (as the fortress spec does). */
async function openCycle(page: Page): Promise<CycleJson> {
  const { body: cycles } = await api<CycleJson[]>(page, 'GET', '/api/v1/cycles')
  const open = cycles.find((c) => c.jurisdiction.code === COUNTY_CODE && c.phase === 'ANNUAL' && c.state === 'OPEN')
  if (open) return open
  const me = (await api<{ jurisdiction: { id: number } }>(page, 'GET', '/api/v1/me')).body
  const used = new Set(cycles.filter((c) => c.jurisdiction.code === COUNTY_CODE).map((c) => c.year))
  const ruleSets = (await api<{ year: number; jurisdiction: { code: string } }[]>(page, 'GET', '/api/v1/rule-sets')).body
  for (const r of ruleSets) if (r.jurisdiction.code === COUNTY_CODE) used.add(r.year)
  const year = Array.from({ length: 70 }, (_, i) => 2027 + i).find((y) => !used.has(y))!
  const template = (await api<unknown>(page, 'GET', '/api/v1/rule-set-template')).body
  const created = await api<{ id: number }>(page, 'POST', '/api/v1/rule-sets', { jurisdictionId: me.jurisdiction.id, year, name: `e2e ${year}`, definition: template })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const cycle = await api<CycleJson>(page, 'POST', '/api/v1/cycles', { jurisdictionId: me.jurisdiction.id, year, phase: 'ANNUAL', ruleSetId: created.body.id })
  expect(cycle.status, JSON.stringify(cycle.body)).toBe(201)
  return cycle.body
}

test('the county admin grades the cycle and reads the dashboard, a township, the results and the summary', async ({ page }) => {
  test.setTimeout(300_000)
  await loginAt(page, '/', 'county.admin')
  await expect(page.locator('[data-testid="nav-grading"]')).toBeVisible()
  await expect(page.locator('[data-testid="nav-grading-township"]')).toHaveCount(0)
  const cycle = await openCycle(page)

  // ---- start a grading run and follow its progress until it succeeds
  await page.locator('[data-testid="nav-grading"]').click()
  await page.goto(`/grading?cycle=${cycle.id}`)
  await expect(page.locator('[data-testid="cycle-picker"] [data-testid="cycle-state"]')).toHaveAttribute('data-state', 'OPEN')
  const start = page.locator('[data-testid="start-grading"]')
  await expect(start).toBeEnabled()
  await start.click()
  await expect(page.locator('[data-testid="run-state"]')).toHaveAttribute('data-state', /QUEUED|RUNNING|SUCCEEDED/)
  await expect(page.locator('[data-testid="run-state"]')).toHaveAttribute('data-state', 'SUCCEEDED', { timeout: 120_000 })
  const graded = Number(await page.locator('[data-testid="run-graded"]').innerText())
  const incomplete = Number(await page.locator('[data-testid="run-incomplete"]').innerText())
  expect(graded + incomplete).toBeGreaterThan(0)

  // ---- the dashboard: tiers per township against the targets, movement, stars, rankings
  await expect(page.locator('[data-testid="grading-provisional"]')).toBeVisible()
  await expect(page.locator('[data-testid="kpi-graded"]')).toBeVisible()
  await expect(page.locator('[data-testid="tier-distribution"] .unit-row').first()).toBeVisible()
  await expect(page.locator('[data-testid="tier-distribution"] canvas').first()).toBeVisible()
  // a verdict on the targets only when something was graded (a re-run's fresh cycle has nothing to judge)
  await expect(page.locator('[data-testid="scope-target-met"]')).toHaveAttribute('data-met', graded > 0 ? /^(true|false)$/ : /^$/)
  await expect(page.locator('[data-testid="star-distribution"]')).toBeVisible()
  await expect(page.locator('[data-testid="movement-flow"]')).toBeVisible()
  await expect(page.locator('[data-testid="rank-villages-rule"]')).not.toBeEmpty()
  await expect(page.locator('[data-testid="rank-townships-rule"]')).not.toBeEmpty()
  // (a fresh cycle of a re-run has no scorecards: nothing graded, nothing ranked)
  if (graded > 0) await expect(page.locator('.rank-village-row').first()).toBeVisible()
  await page.locator('[data-testid="targets-panel"] .el-collapse-item__header').click()
  await expect(page.locator('[data-testid="targets"] .target-row').first()).toBeVisible()
  await expect(page.locator('[data-testid="edit-target"]').first()).toBeVisible()
  await page.screenshot({ path: `${SCREENSHOTS}/grading-dashboard.png`, ...SHOT })

  // ---- a township with 较差 villages (the one with the most), and what keeps them there
  const units = page.locator('[data-testid="tier-distribution"] .unit-row')
  await units.first().locator('[data-testid="unit-link"]').click()
  await expect(page).toHaveURL(/\/grading\/township\/\d+/)
  await expect(page.locator('[data-testid="village-tiers"]')).toBeVisible()
  await expect(page.locator('.village-row').first()).toBeVisible()
  const poor = page.locator('[data-testid="poor-village"]')
  if ((await poor.count()) > 0) {
    await expect(poor.first().locator('[data-testid="reasons"] li').first()).toBeVisible()
    await expect(poor.first().locator('[data-testid="poor-explanation"]')).toBeVisible()
  }
  await page.screenshot({ path: `${SCREENSHOTS}/grading-township-county-view.png`, ...SHOT })

  // ---- the results table: filter, then export the same lines as CSV
  await page.goto(`/grading/results?cycle=${cycle.id}`)
  await expect(page.locator('[data-testid="results-list"]')).toHaveAttribute('aria-busy', 'false')
  await expect(page.locator('.result-row').first()).toBeVisible()
  await page.locator('[data-testid="filter-status"]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '已定档' }).click()
  await expect(page).toHaveURL(/status=GRADED/)
  await expect(page.locator('[data-testid="results-list"]')).toHaveAttribute('aria-busy', 'false')
  if (graded > 0) await expect(page.locator('.result-row [data-testid="tier"]').first()).not.toHaveAttribute('data-tier', '')
  await page.screenshot({ path: `${SCREENSHOTS}/grading-results.png`, ...SHOT })
  const downloading = page.waitForEvent('download')
  await page.locator('[data-testid="export-csv"]').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^grading-\d+\.csv$/)
  const csv = readFileSync(await download.path())
  expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  expect(csv.toString('utf8').split('\n').length).toBeGreaterThan(1)

  // ---- the printable summary: no menu
  await page.locator('[data-testid="to-print"]').click()
  await expect(page).toHaveURL(/\/grading\/print/)
  await expect(page.locator('[data-testid="grading-print"] [data-testid="tier-distribution"]')).toBeVisible()
  await expect(page.locator('.side-menu')).toHaveCount(0)
  if (graded > 0) await expect(page.locator('[data-testid="grading-print"] .rank-village-row').first()).toBeVisible()
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('[data-testid="print-now"]')).toBeHidden()
  await page.screenshot({ path: `${SCREENSHOTS}/grading-print.png`, ...SHOT })
  await page.emulateMedia({ media: 'screen' })

  // ---- at phone width, then in English
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(`/grading?cycle=${cycle.id}`)
  await expect(page.locator('[data-testid="tier-distribution"] .unit-row').first()).toBeVisible()
  await page.screenshot({ path: `${SCREENSHOTS}/grading-dashboard-phone.png`, ...SHOT })
  await page.setViewportSize({ width: 1366, height: 900 })
  await page.evaluate(() => window.localStorage.setItem('bastion.locale', 'en-US'))
  await page.reload()
  await expect(page.locator('h1')).toHaveText('Grading dashboard')
  await expect(page.locator('[data-testid="tier-distribution"] .unit-row').first()).toBeVisible()
  await page.screenshot({ path: `${SCREENSHOTS}/grading-dashboard-en.png`, ...SHOT })
  await page.evaluate(() => window.localStorage.setItem('bastion.locale', 'zh-CN'))
  await logoutToLoginPage(page)
})
