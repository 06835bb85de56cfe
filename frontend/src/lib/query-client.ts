import { QueryClient } from '@tanstack/vue-query'
import { ApiError } from '@/api/client'

/** Server state: cached for 30 s; client errors (4xx) are not retried, others once. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 1,
      },
    },
  })
}
