import type { Page } from '@playwright/test'

/** Shared by the two grading specs. */
export const COUNTY_CODE = 'P231202000000'
export interface CycleJson {
  id: number
  year: number
  phase: string
  state: string
  jurisdiction: { id: number; code: string }
  ruleSet: { id: number; label: string }
}

/** Calls the API as the signed-in user (the token of the SPA's OIDC session). */
export async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
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

