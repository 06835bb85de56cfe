import type { NavigationGuard } from 'vue-router'
import type { AuthPort } from '@/lib/auth'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without being signed in (the OIDC callback, for one). */
    public?: boolean
  }
}

/** Every route but the public ones needs a signed-in user; otherwise off to Keycloak. */
export function createAuthGuard(auth: AuthPort): NavigationGuard {
  return async (to) => {
    if (to.meta.public) return true
    if (await auth.getUser()) return true
    await auth.login(to.fullPath)
    return false
  }
}
