import { queryOptions, useQuery } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api } from '@/api'
import type { RuleSetDefinition } from './list-rule-sets'

export async function getRuleSetTemplate(): Promise<RuleSetDefinition> {
  const { data } = await api.GET('/api/v1/rule-set-template')
  return data!
}

export const ruleSetTemplateQueryOptions = () =>
  queryOptions({ queryKey: ['rule-sets', 'template'] as const, queryFn: getRuleSetTemplate, staleTime: Infinity })

export function useRuleSetTemplate(enabled: MaybeRefOrGetter<boolean> = true) {
  return useQuery(computed(() => ({ ...ruleSetTemplateQueryOptions(), enabled: toValue(enabled) })))
}
