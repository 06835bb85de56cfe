import { getAccessToken, relogin } from '@/lib/auth'
import { createApiClient } from './client'

export { ApiError, etagForRevision, etagOf, type Schemas, type FieldError } from './client'

const RELOGIN_KEY = 'bastion.reloginAt'
const RELOGIN_PAUSE_MS = 30_000

/**
 * On 401 the token is no longer accepted: sign in again, once. A second 401 within 30 s of a fresh
 * sign-in means the API refuses our tokens altogether; then the error is shown instead of looping.
 */
function onUnauthorized() {
  const last = Number(window.sessionStorage.getItem(RELOGIN_KEY) ?? 0)
  if (Date.now() - last < RELOGIN_PAUSE_MS) return
  window.sessionStorage.setItem(RELOGIN_KEY, String(Date.now()))
  void relogin()
}

/** The one API client of the app: bearer token from the OIDC session, 401 → sign in again. */
export const api = createApiClient({ getToken: getAccessToken, onUnauthorized })
