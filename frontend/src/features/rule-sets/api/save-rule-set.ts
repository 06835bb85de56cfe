import { useMutation, useQueryClient } from '@tanstack/vue-query'
import { api, etagForRevision, etagOf, type Schemas } from '@/api'
import type { VersionedRuleSet } from './get-rule-set'

export type RuleSetInput = Schemas['RuleSetInput']
export type RuleSetUpdate = Schemas['RuleSetUpdate']

export async function createRuleSet(input: RuleSetInput): Promise<VersionedRuleSet> {
  const { data, response } = await api.POST('/api/v1/rule-sets', { body: input })
  return { ruleSet: data!, etag: etagOf(response, etagForRevision(data!.revision)) }
}

export async function updateRuleSet(id: number, etag: string, update: RuleSetUpdate): Promise<VersionedRuleSet> {
  const { data, response } = await api.PUT('/api/v1/rule-sets/{ruleSetId}', {
    params: { path: { ruleSetId: id }, header: { 'If-Match': etag } },
    body: update,
  })
  return { ruleSet: data!, etag: etagOf(response, etagForRevision(data!.revision)) }
}

export async function copyRuleSet(id: number): Promise<VersionedRuleSet> {
  const { data, response } = await api.POST('/api/v1/rule-sets/{ruleSetId}/versions', { params: { path: { ruleSetId: id } } })
  return { ruleSet: data!, etag: etagOf(response, etagForRevision(data!.revision)) }
}

function useRuleSetMutation<A>(fn: (args: A) => Promise<VersionedRuleSet>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: async (saved) => {
      client.setQueryData(['rule-sets', 'detail', saved.ruleSet.id], saved)
      await client.invalidateQueries({ queryKey: ['rule-sets', 'list'] })
    },
  })
}

export const useCreateRuleSet = () => useRuleSetMutation(createRuleSet)
export const useUpdateRuleSet = () =>
  useRuleSetMutation((a: { id: number; etag: string; update: RuleSetUpdate }) => updateRuleSet(a.id, a.etag, a.update))
export const useCopyRuleSet = () => useRuleSetMutation(copyRuleSet)
