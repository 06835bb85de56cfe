import { useMutation, useQueryClient } from '@tanstack/vue-query'
import { api, etagForRevision, etagOf } from '@/api'
import type { ScorecardInput, VersionedScorecard } from './get-scorecard'

export interface PutScorecardRequest {
  cycleId: number
  organizationId: number
  etag: string
  input: ScorecardInput
}

export async function putScorecard({ cycleId, organizationId, etag, input }: PutScorecardRequest): Promise<VersionedScorecard> {
  const { data, response } = await api.PUT('/api/v1/cycles/{cycleId}/scorecards/{organizationId}', {
    params: { path: { cycleId, organizationId }, header: { 'If-Match': etag } },
    body: input,
  })
  return { scorecard: data!, etag: etagOf(response, etagForRevision(data!.revision)) }
}

/** Replaces a scorecard; on success the cached scorecard and every index of the cycle are renewed. */
export function usePutScorecard() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: putScorecard,
    onSuccess: (saved, request) => {
      client.setQueryData(['scorecards', request.cycleId, request.organizationId], saved)
      return client.invalidateQueries({ queryKey: ['fortress-indices'] })
    },
  })
}
