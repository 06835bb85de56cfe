import { queryOptions, useQuery } from '@tanstack/vue-query'
import { api, type Schemas } from '@/api'

export type RuleSetSummary = Schemas['RuleSetSummary']
export type RuleSet = Schemas['RuleSet']
export type RuleSetDefinition = Schemas['RuleSetDefinition']
export type Dimension = RuleSetDefinition['dimensions'][number]
export type Indicator = Dimension['indicators'][number]
export type AdjustmentRule = Schemas['AdjustmentRule']

export async function listRuleSets(year?: number): Promise<RuleSetSummary[]> {
  const { data } = await api.GET('/api/v1/rule-sets', { params: { query: year ? { year } : {} } })
  return data!
}

export const ruleSetsQueryOptions = (year?: number) =>
  queryOptions({ queryKey: ['rule-sets', 'list', year ?? null] as const, queryFn: () => listRuleSets(year) })

export function useRuleSets(year?: number) {
  return useQuery(ruleSetsQueryOptions(year))
}
