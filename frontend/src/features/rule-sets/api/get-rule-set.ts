import { queryOptions, useQuery } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, etagForRevision, etagOf } from '@/api'
import type { RuleSet } from './list-rule-sets'

export interface VersionedRuleSet {
  ruleSet: RuleSet
  etag: string
}

export async function getRuleSet(id: number): Promise<VersionedRuleSet> {
  const { data, response } = await api.GET('/api/v1/rule-sets/{ruleSetId}', { params: { path: { ruleSetId: id } } })
  return { ruleSet: data!, etag: etagOf(response, etagForRevision(data!.revision)) }
}

export const ruleSetQueryOptions = (id: number) =>
  queryOptions({ queryKey: ['rule-sets', 'detail', id] as const, queryFn: () => getRuleSet(id), staleTime: 5 * 60_000 })

/** One rule set with its definition and ETag; `id` null → not asked. */
export function useRuleSet(id: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const value = toValue(id)
      return { ...ruleSetQueryOptions(value ?? 0), enabled: value !== null }
    }),
  )
}
