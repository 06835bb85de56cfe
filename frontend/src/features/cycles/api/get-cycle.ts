import { queryOptions, useQuery } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, etagForRevision, etagOf } from '@/api'
import type { Cycle } from './list-cycles'

export interface VersionedCycle {
  cycle: Cycle
  etag: string
}

export async function getCycle(id: number): Promise<VersionedCycle> {
  const { data, response } = await api.GET('/api/v1/cycles/{cycleId}', { params: { path: { cycleId: id } } })
  return { cycle: data!, etag: etagOf(response, etagForRevision(data!.revision)) }
}

export const cycleQueryOptions = (id: number) =>
  queryOptions({ queryKey: ['cycles', 'detail', id] as const, queryFn: () => getCycle(id) })

/** One cycle with its ETag; `id` null → not asked. */
export function useCycle(id: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const value = toValue(id)
      return { ...cycleQueryOptions(value ?? 0), enabled: value !== null }
    }),
  )
}
