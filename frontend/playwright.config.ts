import { defineConfig, devices } from '@playwright/test'

// Runs against a served SPA (`npm run preview`), the real backend and the real Keycloak.
export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Not the default `test-results/`: Playwright empties its output folder, and that folder also holds
  // the Vitest report and the screenshots kept as artifacts.
  outputDir: 'test-results/playwright-artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  // With one worker the projects run in this order: the fortress spec publishes a cycle, so it comes
  // last, and nothing before it depends on it (nor it on them: no `dependencies`). The lagging spec
  // changes findings and plans of the demo township only; it needs nothing from the others.
  // Grading: part 1 grades that cycle while it is still OPEN (grading is refused once published),
  // so it runs before the fortress project; part 2 checks the published tiers after it.
  projects: [
    { name: 'org-browser', testIgnore: /(fortress|lagging|grading|grading-published)\.spec\.ts$/ },
    { name: 'lagging', testMatch: /lagging\.spec\.ts$/ },
    { name: 'grading', testMatch: /grading\.spec\.ts$/ },
    { name: 'fortress', testMatch: /fortress\.spec\.ts$/ },
    { name: 'grading-published', testMatch: /grading-published\.spec\.ts$/ },
  ],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: process.env.E2E_BASE_URL ?? 'http://localhost:5173',
    locale: 'zh-CN',
    viewport: { width: 1366, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
