import createClient, { type Middleware } from 'openapi-fetch'
import type { components, paths } from './schema'

export type Schemas = components['schemas']
export type FieldError = Schemas['FieldError']

/**
 * An error answered by the API. Built from an RFC 9457 problem (`application/problem+json`)
 * when the server sent one, otherwise from the HTTP status alone.
 */
export class ApiError extends Error {
  readonly status: number
  readonly title: string
  readonly detail?: string
  readonly type?: string
  readonly instance?: string
  readonly fieldErrors: FieldError[]
  /** The whole problem body as sent (e.g. `current` of a 412), when there was one. */
  readonly body?: Record<string, unknown>

  constructor(init: {
    status: number
    title: string
    detail?: string
    type?: string
    instance?: string
    fieldErrors?: FieldError[]
    body?: Record<string, unknown>
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title)
    this.name = 'ApiError'
    this.status = init.status
    this.title = init.title
    this.detail = init.detail
    this.type = init.type
    this.instance = init.instance
    this.fieldErrors = init.fieldErrors ?? []
    this.body = init.body
  }
}

function isProblemContent(response: Response): boolean {
  const type = response.headers.get('content-type') ?? ''
  return type.includes('application/problem+json') || type.includes('application/json')
}

/** Maps a failed response into an {@link ApiError}. */
export async function toApiError(response: Response): Promise<ApiError> {
  const fallback = { status: response.status, title: response.statusText || `HTTP ${response.status}` }
  if (!isProblemContent(response)) return new ApiError(fallback)
  try {
    const body = (await response.clone().json()) as Partial<Schemas['Problem']>
    return new ApiError({
      status: typeof body.status === 'number' ? body.status : response.status,
      title: typeof body.title === 'string' && body.title ? body.title : fallback.title,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      type: typeof body.type === 'string' ? body.type : undefined,
      instance: typeof body.instance === 'string' ? body.instance : undefined,
      fieldErrors: Array.isArray(body.errors)
        ? body.errors.filter((e): e is FieldError => typeof e?.field === 'string' && typeof e?.message === 'string')
        : [],
      body: body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined,
    })
  } catch {
    return new ApiError(fallback)
  }
}

export interface ClientOptions {
  /** The bearer token to send, or null to send none. */
  getToken: () => Promise<string | null>
  /** Called when the API answers 401 (no or no longer a valid token). */
  onUnauthorized: () => void
  baseUrl?: string
}

export function authMiddleware(options: ClientOptions): Middleware {
  return {
    async onRequest({ request }) {
      const token = await options.getToken()
      if (token) request.headers.set('Authorization', `Bearer ${token}`)
      request.headers.set('Accept', 'application/json, application/problem+json')
      return request
    },
    async onResponse({ response }) {
      if (response.ok) return response
      if (response.status === 401) options.onUnauthorized()
      throw await toApiError(response)
    },
  }
}

export function createApiClient(options: ClientOptions) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? window.location.origin,
    // Looked up on every call, so tests can replace the global fetch.
    fetch: (request) => globalThis.fetch(request),
  })
  client.use(authMiddleware(options))
  return client
}

export type ApiClient = ReturnType<typeof createApiClient>

/** The ETag of a response (a quoted revision like `"3"`), or the given fallback. */
export function etagOf(response: Response, fallback = '"0"'): string {
  return response.headers.get('ETag') ?? fallback
}

/** The ETag of a revision, as the API writes it. */
export function etagForRevision(revision: number): string {
  return `"${revision}"`
}
