import { expect, test, type Page } from '@playwright/test'
import { loginAt, logoutToLoginPage, SCREENSHOTS } from './support'

/*
 * The fortress index end to end, against the real backend and Keycloak:
 * a township official fills a village's scorecard in the OPEN 2026 annual cycle of the county,
 * sees the index, stars and explanation (the index is recomputed here from the entered numbers);
 * the county admin locks and publishes the cycle; the scorecard is then read-only.
 *
 * This CHANGES STATE (it publishes the county's cycle). bin/test recreates the e2e database on
 * every run; on a database where that cycle is no longer OPEN (a re-run), the county admin first
 * opens a fresh cycle (a county rule set from the template, for a year not yet used) and the test
 * runs on that one. It runs as its own Playwright project, after the organisation browser's specs.
 */

const COUNTY_CODE = 'P231202000000'
const SCREENSHOT = { fullPage: true, animations: 'disabled' } as const

interface CycleJson {
  id: number
  year: number
  phase: string
  state: string
  jurisdiction: { id: number; code: string }
  ruleSet: { id: number; label: string }
}

/** Calls the API as the signed-in user (the token of the SPA's OIDC session). */
async function api<T>(page: Page, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'))
      const token = key ? (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token : ''
      const response = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      return { status: response.status, body: text ? JSON.parse(text) : null }
    },
    { method, path, body, headers },
  )
}

/** An OPEN annual cycle of the county: the demo data's 2026 one, or a fresh one on a re-run. */
async function openCycle(page: Page): Promise<CycleJson> {
  const { body: cycles } = await api<CycleJson[]>(page, 'GET', '/api/v1/cycles')
  const open = cycles.find((c) => c.jurisdiction.code === COUNTY_CODE && c.phase === 'ANNUAL' && c.state === 'OPEN')
  if (open) return open
  // Re-run on a database where the demo cycle was already published: the county admin opens another.
  await logoutToLoginPage(page)
  await loginAt(page, '/cycles', 'county.admin')
  const me = (await api<{ jurisdiction: { id: number } }>(page, 'GET', '/api/v1/me')).body
  const used = new Set(cycles.filter((c) => c.jurisdiction.code === COUNTY_CODE).map((c) => c.year))
  const ruleSets = (await api<{ year: number; jurisdiction: { code: string } }[]>(page, 'GET', '/api/v1/rule-sets')).body
  for (const r of ruleSets) if (r.jurisdiction.code === COUNTY_CODE) used.add(r.year)
  const year = Array.from({ length: 70 }, (_, i) => 2027 + i).find((y) => !used.has(y))!
  const template = (await api<unknown>(page, 'GET', '/api/v1/rule-set-template')).body
  const created = await api<{ id: number }>(page, 'POST', '/api/v1/rule-sets', {
    jurisdictionId: me.jurisdiction.id, year, name: `e2e ${year}`, definition: template,
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const cycle = await api<CycleJson>(page, 'POST', '/api/v1/cycles', {
    jurisdictionId: me.jurisdiction.id, year, phase: 'ANNUAL', ruleSetId: created.body.id,
  })
  expect(cycle.status, JSON.stringify(cycle.body)).toBe(201)
  await logoutToLoginPage(page)
  await loginAt(page, '/fortress', 'township.official')
  return cycle.body
}

/** Exact decimal "12.34" → hundredths. */
const hundredths = (s: string) => {
  const [w, f = ''] = s.split('.')
  return BigInt(w!) * 100n + BigInt(f.padEnd(2, '0'))
}

/**
 * 0.6 × 100 × Σverified/Σmax + 0.2 × members% + 0.2 × masses%, exactly (as fractions),
 * rounded half-up to one decimal.
 */
function expectedIndex(verified: string[], maxima: string[], members: [number, number], masses: [number, number]) {
  const v = verified.reduce((s, x) => s + hundredths(x), 0n)
  const m = maxima.reduce((s, x) => s + hundredths(x), 0n)
  const [r1, s1] = members.map(BigInt) as [bigint, bigint]
  const [r2, s2] = masses.map(BigInt) as [bigint, bigint]
  // index = 60 v/m + 20 s1/r1 + 20 s2/r2 = num / den
  const num = 60n * v * r1 * r2 + 20n * s1 * m * r2 + 20n * s2 * m * r1
  const den = m * r1 * r2
  let tenths = (num * 10n) / den
  if (((num * 10n) % den) * 2n >= den) tenths += 1n
  return `${tenths / 10n}.${tenths % 10n}`
}

function starsFor(index: string) {
  const n = Number(index) // only to compare with the default thresholds 95 / 85 / 75 / 60
  return n >= 95 ? 5 : n >= 85 ? 4 : n >= 75 ? 3 : n >= 60 ? 2 : 1
}

test('a township scores a village, sees its index and explanation; the county locks and publishes', async ({ page }) => {
  test.setTimeout(240_000)

  // ---- the township official opens the county's current cycle
  await loginAt(page, '/fortress', 'township.official')
  const cycle = await openCycle(page)
  await page.goto(`/fortress?cycle=${cycle.id}`)
  await expect(page.locator('[data-testid="cycle-picker"] [data-testid="cycle-state"]')).toHaveAttribute('data-state', 'OPEN')
  await expect(page.locator('[data-testid="list-rule-set"]')).toHaveText(cycle.ruleSet.label)
  await expect(page.locator('[data-testid="fortress-list"]')).toHaveAttribute('aria-busy', 'false')
  await expect(page.locator('.fortress-row').first()).toBeVisible()
  await page.screenshot({ path: `${SCREENSHOTS}/fortress-list.png`, ...SCREENSHOT })

  // ---- a village of the township: its scorecard
  const org = page.locator('.fortress-row [data-testid="fortress-org"]').first()
  const orgId = await org.getAttribute('data-id')
  await page.locator('.fortress-row [data-testid="open-scorecard"]').first().click()
  await expect(page).toHaveURL(new RegExp(`/fortress/${orgId}/scorecard\\?cycle=${cycle.id}`))
  await expect(page.locator('[data-testid="score-table"]')).toBeVisible()
  await expect(page.locator('[data-testid="save-scorecard"]')).toBeVisible()

  // Every indicator that applies: self = max, verified = max − 1.25 (or half the max when small).
  const rows = page.locator('tr.indicator-row')
  const count = await rows.count()
  expect(count).toBeGreaterThan(0)
  const verified: string[] = []
  const maxima: string[] = []
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i)
    const code = (await row.getAttribute('data-indicator'))!
    const max = (await row.locator('[data-testid="indicator-max"]').innerText()).trim()
    const h = hundredths(max)
    const v = h > 200n ? h - 125n : h / 2n
    const value = `${v / 100n}.${String(v % 100n).padStart(2, '0')}`
    maxima.push(max)
    verified.push(value)
    await page.locator(`input[data-testid="self-${code}"]`).fill(max)
    await page.locator(`input[data-testid="verified-${code}"]`).fill(value)
  }
  const members: [number, number] = [40, 37]
  const masses: [number, number] = [120, 103] // 85.8333…%: not a terminating decimal
  await page.locator('input[data-testid="members-respondents"]').fill(String(members[0]))
  await page.locator('input[data-testid="members-satisfied"]').fill(String(members[1]))
  await page.locator('input[data-testid="masses-respondents"]').fill(String(masses[0]))
  await page.locator('input[data-testid="masses-satisfied"]').fill(String(masses[1]))
  await expect(page.locator('[data-testid="members-rate"]')).toHaveText('92.5%')
  await expect(page.locator('[data-testid="masses-rate"]')).toHaveText('≈ 85.83%')
  await expect(page.locator('[data-testid="field-error"]')).toHaveCount(0)
  await page.locator('[data-testid="save-scorecard"]').click()
  await expect(page.getByText('评分表已保存')).toBeVisible()
  await expect(page.locator('[data-testid="scorecard-head"]')).not.toContainText('版本 0')
  await page.screenshot({ path: `${SCREENSHOTS}/scorecard.png`, ...SCREENSHOT })

  // ---- the index, stars and explanation
  const expected = expectedIndex(verified, maxima, members, masses)
  await page.locator('[data-testid="to-explanation"]').click()
  await expect(page.locator('[data-testid="official-index"]')).toHaveText(expected)
  await expect(page.locator('[data-testid="explain-head"] [data-testid="star-badge"]')).toHaveAttribute('data-stars', String(starsFor(expected)))
  await expect(page.locator('[data-testid="explain-head"] [data-testid="tag-complete"]')).toBeVisible()
  await expect(page.locator('[data-testid="explain-rule-set"]')).toHaveText(cycle.ruleSet.label)
  await expect(page.locator('[data-testid="rounded-index"]')).toHaveText(`→ ${expected}`)
  await expect(page.locator('[data-testid="sum-mismatch"]')).toHaveCount(0)
  await expect(page.locator('[data-testid="term"][data-kind="ASSESSMENT"]')).toBeVisible()
  await page.screenshot({ path: `${SCREENSHOTS}/explanation.png`, ...SCREENSHOT })

  // The list shows the same official index for the village.
  await page.goto(`/fortress?cycle=${cycle.id}&sort=name`)
  const line = page.locator('.fortress-row', { has: page.locator(`[data-testid="fortress-org"][data-id="${orgId}"]`) })
  await expect(line.locator('[data-testid="fortress-index"]')).toHaveText(expected)

  // ---- the rule set it was computed with (read-only for a township official)
  await page.goto(`/rule-sets/${cycle.ruleSet.id}`)
  await expect(page.locator('[data-testid="rule-set-label"]')).toHaveText(cycle.ruleSet.label)
  await expect(page.locator('[data-testid="rule-set-view"]')).toBeVisible()
  await expect(page.locator('[data-testid="rule-set-readonly"]')).toBeVisible()
  await page.screenshot({ path: `${SCREENSHOTS}/ruleset.png`, ...SCREENSHOT })
  await logoutToLoginPage(page)

  // ---- the county admin locks (公示) and publishes the county's cycle
  await loginAt(page, '/cycles', 'county.admin')
  const row = page.locator('.cycle-row', { has: page.locator(`[data-cycle="${cycle.id}"]`) })
  await row.locator('[data-testid="lock-cycle"]').click()
  await expect(page.locator('[data-testid="transition-dialog"]')).toContainText('只有县委组织部可以更正')
  await page.locator('[data-testid="confirm-transition"]').click()
  await expect(row.locator('[data-testid="cycle-state"]')).toHaveAttribute('data-state', 'LOCKED')
  await row.locator('[data-testid="publish-cycle"]').click()
  await expect(page.locator('[data-testid="transition-dialog"]').last()).toContainText('不能再更改')
  await page.locator('[data-testid="confirm-transition"]').last().click()
  await expect(row.locator('[data-testid="cycle-state"]')).toHaveAttribute('data-state', 'PUBLISHED')
  await page.screenshot({ path: `${SCREENSHOTS}/cycles-published.png`, ...SCREENSHOT })
  await logoutToLoginPage(page)

  // ---- the township official: the scorecard is now read-only, the result published
  await loginAt(page, `/fortress/${orgId}/scorecard?cycle=${cycle.id}`, 'township.official')
  await expect(page.locator('[data-testid="readonly-alert"]')).toContainText('已发布')
  await expect(page.locator('[data-testid="save-scorecard"]')).toHaveCount(0)
  await expect(page.locator('input[data-testid^="verified-"]').first()).toBeDisabled()
  await page.screenshot({ path: `${SCREENSHOTS}/scorecard-readonly.png`, ...SCREENSHOT })
  await page.locator('[data-testid="to-explanation"]').click()
  await expect(page.locator('[data-testid="official-index"]')).toHaveText(expected)
  await expect(page.locator('[data-testid="published-tag"]')).toBeVisible()
})
