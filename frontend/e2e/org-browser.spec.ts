import { expect, test } from '@playwright/test'
import { listSettled, loginAt, logoutToLoginPage, orgBrowserReady, rows, SCREENSHOTS } from './support'

test.describe('organisation browser, scoped by jurisdiction', () => {
  test('a township official sees only the villages of the township', async ({ page }) => {
    await loginAt(page, '/', 'township.official')
    await expect(page.locator('[data-testid="header-jurisdiction"]')).toBeVisible()
    await expect(page.locator('[data-testid="jurisdiction-card"]')).toContainText('P231202101000')

    await page.locator('[data-testid="nav-organizations"]').click()
    await expect(page).toHaveURL(/\/organizations/)
    await orgBrowserReady(page, 'P231202101000')

    const { levels, codes } = await rows(page)
    expect(levels.length).toBeGreaterThan(0)
    expect(levels.every((l) => l === 'VILLAGE')).toBe(true)
    expect(codes.every((c) => c?.startsWith('231202101'))).toBe(true)
    await page.screenshot({ path: `${SCREENSHOTS}/org-browser-township.png`, fullPage: true, animations: 'disabled' })

    // A village of another township (county 231203) is outside the jurisdiction: nothing is found.
    await page.locator('input[data-testid="org-search"]').fill('231203')
    await page.locator('input[data-testid="org-search"]').press('Enter')
    await expect(page).toHaveURL(/q=231203/)
    await listSettled(page)
    await expect(page.getByText('没有符合条件的组织')).toBeVisible()
    await expect(page.locator('.org-row')).toHaveCount(0)

    await logoutToLoginPage(page)
  })

  test('a county administrator sees the townships of the county', async ({ page }) => {
    await loginAt(page, '/organizations', 'county.admin')
    await orgBrowserReady(page, 'P231202000000')
    const { levels, codes } = await rows(page)
    expect(levels.length).toBeGreaterThan(0)
    expect(levels.every((l) => l === 'TOWNSHIP')).toBe(true)
    expect(codes.every((c) => c?.startsWith('231202'))).toBe(true)
    await page.screenshot({ path: `${SCREENSHOTS}/org-browser-county.png`, fullPage: true, animations: 'disabled' })

    // Drill down into the first township: its villages, with the breadcrumb county / township.
    await page.locator('.org-row').first().click()
    await expect(page).toHaveURL(/node=\d+/)
    await expect(page.locator('[data-testid="org-breadcrumb"] a[data-code="P231202000000"]')).toBeVisible()
    await listSettled(page)
    await expect(page.locator('.org-row').first()).toBeVisible()
    const villages = await rows(page)
    expect(villages.levels.every((l) => l === 'VILLAGE')).toBe(true)

    // A village opens its details with the division-code history.
    await page.locator('.org-row').first().click()
    await expect(page.locator('[data-testid="division-history"]')).toBeVisible()
    await page.screenshot({ path: `${SCREENSHOTS}/org-detail-county.png`, fullPage: true, animations: 'disabled' })
    await page.keyboard.press('Escape')
    await expect(page).not.toHaveURL(/detail=/)

    await logoutToLoginPage(page)
  })

  test('a city administrator sees the ten counties', async ({ page }) => {
    await loginAt(page, '/organizations', 'city.admin')
    await orgBrowserReady(page, 'P231200000000')
    const { levels, codes } = await rows(page)
    expect(levels).toHaveLength(10)
    expect(levels.every((l) => l === 'COUNTY')).toBe(true)
    expect(codes.every((c) => c?.startsWith('2312'))).toBe(true)
    await page.screenshot({ path: `${SCREENSHOTS}/org-browser-city.png`, fullPage: true, animations: 'disabled' })

    await page.goto('/')
    await expect(page.locator('[data-testid="count-VILLAGE"]')).not.toContainText('…')
    await page.screenshot({ path: `${SCREENSHOTS}/home-city.png`, fullPage: true, animations: 'disabled' })

    await logoutToLoginPage(page)
  })
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

  test('the organisation browser becomes a list of cards and fits the screen', async ({ page }) => {
    await loginAt(page, '/organizations', 'township.official')
    await orgBrowserReady(page, 'P231202101000')
    await expect(page.locator('.org-card').first()).toBeVisible()
    const { levels } = await rows(page)
    expect(levels.every((l) => l === 'VILLAGE')).toBe(true)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `${SCREENSHOTS}/org-browser-phone.png`, fullPage: true, animations: 'disabled' })

    await page.locator('[data-testid="menu-toggle"]').click()
    await expect(page.locator('[data-testid="drawer-who"]')).toBeVisible()
    await page.screenshot({ path: `${SCREENSHOTS}/menu-phone.png`, animations: 'disabled' })
  })
})

test('the language switch shows English', async ({ page }) => {
  await loginAt(page, '/organizations', 'county.admin')
  await orgBrowserReady(page, 'P231202000000')
  await expect(page.locator('h1')).toHaveText('组织架构')
  await page.locator('[data-testid="locale-switch"]').click()
  await page.locator('[data-testid="locale-en-US"]').click()
  await expect(page.locator('h1')).toHaveText('Organisations')
  await expect(page.locator('[data-testid="nav-home"]')).toContainText('Overview')
  await expect(page.locator('[data-testid="logout"]')).toContainText('Log out')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US')
  await page.screenshot({ path: `${SCREENSHOTS}/org-browser-en.png`, fullPage: true, animations: 'disabled' })
})

test('an account without a Bastion role sees why, and nothing else', async ({ page }) => {
  await loginAt(page, '/organizations', 'nobody')
  await expect(page.locator('[data-testid="no-access"]')).toBeVisible()
  await expect(page.getByText('无权访问')).toBeVisible()
  await expect(page.locator('.org-row')).toHaveCount(0)
  await page.screenshot({ path: `${SCREENSHOTS}/no-access.png`, animations: 'disabled' })
  await logoutToLoginPage(page)
})
