import { expect, type Page } from '@playwright/test'

export const KEYCLOAK_URL = (process.env.E2E_KEYCLOAK_URL ?? 'http://localhost:8180').replace(/\/$/, '')
export const PASSWORD = 'bastion'
export const SCREENSHOTS = 'test-results/screenshots'

/** Points the SPA at the Keycloak under test (its runtime configuration is `/config.json`). */
export async function useKeycloakUnderTest(page: Page) {
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { keycloakUrl: KEYCLOAK_URL, realm: 'bastion', clientId: 'bastion-spa' } }),
  )
}

/** Opens an app path, signs in on the real Keycloak login page and waits to be back in the app. */
export async function loginAt(page: Page, path: string, username: string) {
  await useKeycloakUnderTest(page)
  await page.goto(path)
  await page.waitForURL((url) => url.href.startsWith(`${KEYCLOAK_URL}/realms/bastion/`))
  await page.locator('#username').fill(username)
  await page.locator('#password').fill(PASSWORD)
  await page.locator('#kc-login').click()
  await page.waitForURL((url) => !url.href.startsWith(KEYCLOAK_URL) && !url.pathname.startsWith('/auth/callback'))
}

/** Waits for the organisation browser to show its node and its rows. */
export async function orgBrowserReady(page: Page, currentCode: string) {
  await expect(page.locator('[data-testid="org-breadcrumb"] .crumb-current[data-code]')).toHaveAttribute('data-code', currentCode)
  await listSettled(page)
  await expect(page.locator('.org-row').first()).toBeVisible()
}

/** Waits until the list shows the answer for the current URL (not the previous page kept while loading). */
export async function listSettled(page: Page) {
  await expect(page.locator('[data-testid="org-list"]')).toHaveAttribute('aria-busy', 'false')
}

export async function rows(page: Page) {
  const levels = await page.locator('.org-row [data-testid="org-level"]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-level')),
  )
  const codes = await page.locator('.org-row [data-testid="org-division-code"]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-code')),
  )
  return { levels, codes }
}

export async function logoutToLoginPage(page: Page) {
  await page.locator('[data-testid="logout"]').click()
  await page.waitForURL((url) => url.href.startsWith(`${KEYCLOAK_URL}/realms/bastion/`))
  await expect(page.locator('#username')).toBeVisible()
  await expect(page.locator('#kc-login')).toBeVisible()
}
