import { vi } from 'vitest'

export type Route = (url: URL, request: Request) => Response | undefined

export function json(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } })
}

/** Replaces the global fetch: each request goes to the first route that answers it; the calls are recorded. */
export function mockFetch(...routes: Route[]) {
  const calls: Request[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init)
    calls.push(request)
    const url = new URL(request.url)
    for (const route of routes) {
      const response = route(url, request)
      if (response) return response
    }
    return json({ type: 'about:blank', title: 'Not mocked', status: 404, detail: url.pathname }, 404, 'application/problem+json')
  })
  vi.stubGlobal('fetch', fetchMock)
  return { calls, fetchMock }
}
