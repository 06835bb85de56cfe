import { keepPreviousData, queryOptions, useQuery } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, type Schemas } from '@/api'
import type { operations } from '@/api/schema'

export type FortressIndexSummary = Schemas['FortressIndexSummary']
export type FortressIndexPage = Schemas['FortressIndexPage']
export type ListFortressIndicesParams = NonNullable<operations['listFortressIndices']['parameters']['query']>
export type FortressSort = NonNullable<ListFortressIndicesParams['sort']>

export async function listFortressIndices(cycleId: number, params: ListFortressIndicesParams): Promise<FortressIndexPage> {
  const { data } = await api.GET('/api/v1/cycles/{cycleId}/fortress-indices', {
    params: { path: { cycleId }, query: params },
  })
  return data!
}

export const fortressIndicesQueryOptions = (cycleId: number, params: ListFortressIndicesParams) =>
  queryOptions({
    queryKey: ['fortress-indices', 'list', cycleId, params] as const,
    queryFn: () => listFortressIndices(cycleId, params),
    placeholderData: keepPreviousData,
  })

/** A page of fortress indices of a cycle; not asked while the cycle is unknown. */
export function useFortressIndices(
  cycleId: MaybeRefOrGetter<number | null>,
  params: MaybeRefOrGetter<ListFortressIndicesParams>,
) {
  return useQuery(
    computed(() => {
      const id = toValue(cycleId)
      return { ...fortressIndicesQueryOptions(id ?? 0, toValue(params)), enabled: id !== null }
    }),
  )
}
