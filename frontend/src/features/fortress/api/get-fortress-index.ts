import { queryOptions, useQuery } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, type Schemas } from '@/api'

export type FortressIndex = Schemas['FortressIndex']
export type Explanation = Schemas['Explanation']
export type Term = Explanation['terms'][number]

export async function getFortressIndex(cycleId: number, organizationId: number): Promise<FortressIndex> {
  const { data } = await api.GET('/api/v1/cycles/{cycleId}/fortress-indices/{organizationId}', {
    params: { path: { cycleId, organizationId } },
  })
  return data!
}

export const fortressIndexQueryOptions = (cycleId: number, organizationId: number) =>
  queryOptions({
    queryKey: ['fortress-indices', 'detail', cycleId, organizationId] as const,
    queryFn: () => getFortressIndex(cycleId, organizationId),
  })

/** One organisation's index with its explanation. */
export function useFortressIndex(cycleId: MaybeRefOrGetter<number | null>, organizationId: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const c = toValue(cycleId)
      const o = toValue(organizationId)
      return { ...fortressIndexQueryOptions(c ?? 0, o ?? 0), enabled: c !== null && o !== null }
    }),
  )
}
