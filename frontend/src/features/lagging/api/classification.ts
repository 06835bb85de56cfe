import { keepPreviousData, queryOptions, useQuery } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, type Schemas } from '@/api'

export type LaggingPage = Schemas['LaggingPage']
export type LaggingOrganization = Schemas['LaggingOrganization']
export type LaggingSummary = Schemas['LaggingSummary']
export type LaggingCount = Schemas['LaggingCount']

export interface LaggingParams {
  under?: number
  page?: number
  size?: number
}

export async function listLagging(cycleId: number, params: LaggingParams): Promise<LaggingPage> {
  const { data } = await api.GET('/api/v1/cycles/{cycleId}/lagging', { params: { path: { cycleId }, query: params } })
  return data!
}

export async function laggingSummary(cycleId: number, under?: number): Promise<LaggingSummary> {
  const { data } = await api.GET('/api/v1/cycles/{cycleId}/lagging-summary', {
    params: { path: { cycleId }, query: under ? { under } : {} },
  })
  return data!
}

/** The lagging organisations of a cycle (LIVE while open, LOCKED once frozen); not asked without a cycle. */
export function useLagging(cycleId: MaybeRefOrGetter<number | null>, params: MaybeRefOrGetter<LaggingParams>) {
  return useQuery(
    computed(() => {
      const id = toValue(cycleId)
      const p = toValue(params)
      return queryOptions({
        queryKey: ['lagging', 'list', id ?? 0, p] as const,
        queryFn: () => listLagging(id!, p),
        placeholderData: keepPreviousData,
        enabled: id !== null,
      })
    }),
  )
}

/** Counts per county and township for the overview chart. */
export function useLaggingSummary(cycleId: MaybeRefOrGetter<number | null>, under: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const id = toValue(cycleId)
      const u = toValue(under) ?? undefined
      return queryOptions({
        queryKey: ['lagging', 'summary', id ?? 0, u ?? 0] as const,
        queryFn: () => laggingSummary(id!, u),
        enabled: id !== null,
      })
    }),
  )
}
