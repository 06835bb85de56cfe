import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import type { User } from 'oidc-client-ts'
import { createAppRouter } from '@/app/router'
import type { AuthPort } from '@/lib/auth'

function fakeAuth(user: Partial<User> | null): AuthPort & { login: ReturnType<typeof vi.fn> } {
  return { getUser: async () => user as User | null, login: vi.fn(async () => {}) }
}

describe('auth guard', () => {
  it('sends a signed-out visitor to the login, remembering where they wanted to go', async () => {
    const auth = fakeAuth(null)
    const router = createAppRouter(auth, createMemoryHistory())
    await router.push('/organizations?node=42&q=%E7%8E%8B')
    expect(auth.login).toHaveBeenCalledWith('/organizations?node=42&q=%E7%8E%8B')
    expect(router.currentRoute.value.name).toBeUndefined()
  })

  it('lets a signed-in user through', async () => {
    const auth = fakeAuth({ access_token: 'x', expired: false })
    const router = createAppRouter(auth, createMemoryHistory())
    await router.push('/organizations?node=42')
    expect(auth.login).not.toHaveBeenCalled()
    expect(router.currentRoute.value.name).toBe('organizations')
    expect(router.currentRoute.value.query.node).toBe('42')
  })

  it('does not guard the OIDC callback', async () => {
    const auth = fakeAuth(null)
    const router = createAppRouter(auth, createMemoryHistory())
    await router.push('/auth/callback?code=abc&state=xyz')
    expect(auth.login).not.toHaveBeenCalled()
    expect(router.currentRoute.value.name).toBe('callback')
  })
})
