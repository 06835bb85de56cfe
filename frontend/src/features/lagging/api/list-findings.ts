import { keepPreviousData, queryOptions, useQuery } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, type Schemas } from '@/api'
import type { operations } from '@/api/schema'

export type FindingSummary = Schemas['FindingSummary']
export type FindingPage = Schemas['FindingPage']
export type ListFindingsParams = NonNullable<operations['listFindings']['parameters']['query']>

export async function listFindings(params: ListFindingsParams): Promise<FindingPage> {
  const { data } = await api.GET('/api/v1/findings', { params: { query: params } })
  return data!
}

export const findingsQueryOptions = (params: ListFindingsParams) =>
  queryOptions({
    queryKey: ['findings', 'list', params] as const,
    queryFn: () => listFindings(params),
    placeholderData: keepPreviousData,
  })

/** A page of findings with the counts per state; `params` null → not asked. */
export function useFindings(params: MaybeRefOrGetter<ListFindingsParams | null>) {
  return useQuery(
    computed(() => {
      const value = toValue(params)
      return { ...findingsQueryOptions(value ?? {}), enabled: value !== null }
    }),
  )
}
