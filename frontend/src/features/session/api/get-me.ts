import { queryOptions, useQuery } from '@tanstack/vue-query'
import { api, type Schemas } from '@/api'

export type Me = Schemas['Me']

export async function getMe(): Promise<Me> {
  const { data } = await api.GET('/api/v1/me')
  return data!
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: ['me'] as const, queryFn: getMe, staleTime: 5 * 60_000 })

/** The caller, their roles and their jurisdiction. */
export function useMe() {
  return useQuery(meQueryOptions())
}
