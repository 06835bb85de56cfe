import { expect, test } from '@playwright/test'
import { loginAt, logoutToLoginPage, SCREENSHOTS } from './support'
import { api, COUNTY_CODE, type CycleJson } from './grading-support'

/*
 * Grading end to end, part 2 of 2: runs AFTER the fortress project, which locks and publishes the
 * county's cycle through the cycle page (LOCK, then PUBLISH); publishing makes the final grading.
 * The county admin sees the final, published results (no more grading), and the township official
 * sees the published tiers of the township's villages.
 */

const SHOT = { fullPage: true, animations: 'disabled' } as const

test('after publication the results are final and the township official sees the published tiers', async ({ page }) => {
  test.setTimeout(180_000)
  await loginAt(page, '/', 'county.admin')
  const { body: cycles } = await api<(CycleJson & { publishedAt?: string })[]>(page, 'GET', '/api/v1/cycles')
  const published = cycles
    .filter((c) => c.jurisdiction.code === COUNTY_CODE && c.phase === 'ANNUAL' && c.state === 'PUBLISHED')
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))[0]
  expect(published, 'the fortress spec publishes the county cycle').toBeTruthy()
  const cycle = published!

  await page.goto(`/grading?cycle=${cycle.id}`)
  await expect(page.locator('[data-testid="grading-published"]')).toBeVisible()
  await expect(page.locator('[data-testid="run-state"]')).toHaveAttribute('data-state', 'SUCCEEDED')
  await expect(page.locator('[data-testid="start-grading"]')).toHaveCount(0)
  const runs = await api<{ final: boolean; current: boolean }[]>(page, 'GET', `/api/v1/cycles/${cycle.id}/grading-runs`)
  expect(runs.body.some((r) => r.final && r.current)).toBe(true)
  await logoutToLoginPage(page)

  // ---- the township official: the township's villages with their published tiers
  await loginAt(page, '/', 'township.official')
  await expect(page.locator('[data-testid="nav-grading"]')).toHaveCount(0)
  await page.locator('[data-testid="nav-grading-township"]').click()
  await expect(page).toHaveURL(/\/grading\/township/)
  await page.goto(`/grading/township?cycle=${cycle.id}`)
  await expect(page.locator('[data-testid="township-name"]')).toBeVisible()
  await expect(page.locator('[data-testid="grading-published"]')).toBeVisible()
  await expect(page.locator('.village-row').first()).toBeVisible()
  const tiers = await page.locator('.village-row [data-testid="tier"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tier')))
  // The demo township is left unscored but for the village the fortress spec scored: at least that one has a tier.
  expect(tiers.some((t) => t && t.length > 0)).toBe(true)
  await page.screenshot({ path: `${SCREENSHOTS}/grading-township-published.png`, ...SHOT })
})
