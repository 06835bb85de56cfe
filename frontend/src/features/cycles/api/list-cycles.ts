import { queryOptions, useQuery } from '@tanstack/vue-query'
import { api, type Schemas } from '@/api'

export type Cycle = Schemas['Cycle']
export type CycleState = Cycle['state']
export type Phase = Schemas['Phase']

export async function listCycles(): Promise<Cycle[]> {
  const { data } = await api.GET('/api/v1/cycles')
  return data!
}

export const cyclesQueryOptions = () =>
  queryOptions({ queryKey: ['cycles', 'list'] as const, queryFn: listCycles })

/** The cycles covering the caller's jurisdiction or lying within it, newest first. */
export function useCycles() {
  return useQuery(cyclesQueryOptions())
}
