import { describe, expect, it, vi } from 'vitest'
import { ApiError, createApiClient } from '@/api/client'
import { json, mockFetch } from './fetch-mock'

function client(token: string | null = 'tok-123') {
  const onUnauthorized = vi.fn()
  const api = createApiClient({ getToken: async () => token, onUnauthorized, baseUrl: 'http://api.test' })
  return { api, onUnauthorized }
}

describe('API client', () => {
  it('sends the bearer token and answers the typed body', async () => {
    const { calls } = mockFetch((url) =>
      url.pathname === '/api/v1/me'
        ? json({ username: 'zhang.wei', kind: 'USER', roles: ['township-official'],
            jurisdiction: { id: 12, code: 'P231202101000', name: '城关镇党委', level: 'TOWNSHIP' } })
        : undefined,
    )
    const { api } = client()
    const { data } = await api.GET('/api/v1/me')
    expect(data?.jurisdiction.code).toBe('P231202101000')
    expect(calls[0]!.headers.get('Authorization')).toBe('Bearer tok-123')
  })

  it('sends no Authorization header without a token', async () => {
    const { calls } = mockFetch(() => json({ items: [], page: 1, size: 20, totalItems: 0, totalPages: 0 }))
    await client(null).api.GET('/api/v1/organizations')
    expect(calls[0]!.headers.has('Authorization')).toBe(false)
  })

  it('maps a problem+json answer into an ApiError with title, detail and field errors', async () => {
    mockFetch(() =>
      json(
        {
          type: 'urn:bastion:problem:validation',
          title: '请求参数无效 / Invalid request',
          status: 400,
          detail: '1 个字段无效 / 1 field is invalid',
          instance: '/api/v1/organizations',
          errors: [{ field: 'size', message: 'must be between 1 and 200' }],
        },
        400,
        'application/problem+json',
      ),
    )
    const error = await client().api.GET('/api/v1/organizations', { params: { query: { size: 500 } } }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      status: 400,
      title: '请求参数无效 / Invalid request',
      detail: '1 个字段无效 / 1 field is invalid',
      type: 'urn:bastion:problem:validation',
      fieldErrors: [{ field: 'size', message: 'must be between 1 and 200' }],
    })
  })

  it('maps an answer without a problem body from its status', async () => {
    mockFetch(() => new Response('upstream down', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/plain' } }))
    const error = await client().api.GET('/api/v1/me').catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway', fieldErrors: [] })
  })

  it('asks to sign in again on 401', async () => {
    mockFetch(() => new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } }))
    const { api, onUnauthorized } = client()
    const error = await api.GET('/api/v1/me').catch((e) => e)
    expect(onUnauthorized).toHaveBeenCalledOnce()
    expect(error).toMatchObject({ status: 401 })
  })

  it('does not ask to sign in again on 403 or 404', async () => {
    mockFetch(() => json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404, 'application/problem+json'))
    const { api, onUnauthorized } = client()
    await expect(api.GET('/api/v1/organizations/{id}', { params: { path: { id: 9 } } })).rejects.toMatchObject({
      status: 404,
      title: 'Not Found',
    })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })
})
