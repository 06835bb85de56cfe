import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts'
import type { RuntimeConfig } from './config'

/**
 * Sign-in with Keycloak: authorization code + PKCE (oidc-client-ts does S256 by default).
 * Tokens are renewed silently before they expire (Keycloak issues refresh tokens to the
 * public client; without one, oidc-client-ts falls back to the hidden iframe page
 * `/silent-renew.html`).
 */
export interface AuthPort {
  /** The signed-in user, or null when there is none or the token has expired. */
  getUser(): Promise<User | null>
  /** Sends the browser to the Keycloak login page; `returnTo` is the app path to come back to. */
  login(returnTo: string): Promise<void>
}

export const CALLBACK_PATH = '/auth/callback'

let manager: UserManager | null = null
const listeners = new Set<(user: User | null) => void>()

export function createUserManager(config: RuntimeConfig, origin = window.location.origin): UserManager {
  return new UserManager({
    authority: `${config.keycloakUrl.replace(/\/$/, '')}/realms/${encodeURIComponent(config.realm)}`,
    client_id: config.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    silent_redirect_uri: `${origin}/silent-renew.html`,
    response_type: 'code',
    scope: 'openid profile',
    automaticSilentRenew: true,
    monitorSession: false,
    loadUserInfo: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  })
}

export function initAuth(config: RuntimeConfig): UserManager {
  manager = createUserManager(config)
  manager.events.addUserLoaded((user) => notify(user))
  manager.events.addUserUnloaded(() => notify(null))
  manager.events.addSilentRenewError(() => {
    // The session at Keycloak is gone (logged out elsewhere, idle timeout): sign in again.
    void manager?.removeUser().then(() => login(currentPath()))
  })
  return manager
}

function requireManager(): UserManager {
  if (!manager) throw new Error('auth is not initialised')
  return manager
}

function notify(user: User | null) {
  listeners.forEach((listener) => listener(user))
}

export function onUserChanged(listener: (user: User | null) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function currentPath(): string {
  return window.location.pathname + window.location.search + window.location.hash
}

export async function getUser(): Promise<User | null> {
  if (!manager) return null
  const user = await manager.getUser()
  return user && !user.expired ? user : null
}

/** The current access token, for the API client; null when signed out. */
export async function getAccessToken(): Promise<string | null> {
  return (await getUser())?.access_token ?? null
}

export async function login(returnTo: string): Promise<void> {
  await requireManager().signinRedirect({ state: { returnTo } })
}

/** Completes the redirect from Keycloak; answers the app path to go to. */
export async function completeLogin(): Promise<string> {
  const user = await requireManager().signinRedirectCallback()
  notify(user)
  const state = user.state as { returnTo?: unknown } | undefined
  const returnTo = typeof state?.returnTo === 'string' ? state.returnTo : '/'
  // Only paths inside the app: never an open redirect.
  return returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/'
}

/** Re-login after the API said 401: drop the stored tokens, then go to Keycloak. */
export async function relogin(): Promise<void> {
  const m = requireManager()
  await m.removeUser()
  await login(currentPath())
}

/** Ends the Keycloak session and comes back to the app (which then asks to sign in again). */
export async function logout(): Promise<void> {
  const m = requireManager()
  const user = await m.getUser()
  await m.signoutRedirect({ id_token_hint: user?.id_token })
}

export const authPort: AuthPort = { getUser, login }
