import { useMutation, useQueryClient } from '@tanstack/vue-query'
import { api, etagForRevision, etagOf, type Schemas } from '@/api'
import type { VersionedFinding } from './get-finding'

export type FindingTransition = Schemas['FindingTransition']
export type TransitionAction = FindingTransition['action']

export interface TransitionFindingRequest {
  findingId: number
  /** The ETag of the finding as read (If-Match). */
  etag: string
  body: FindingTransition
}

export async function transitionFinding({ findingId, etag, body }: TransitionFindingRequest): Promise<VersionedFinding> {
  const { data, response } = await api.POST('/api/v1/findings/{findingId}/transitions', {
    params: { path: { findingId }, header: { 'If-Match': etag } },
    body,
  })
  return { finding: data!, etag: etagOf(response, etagForRevision(data!.revision)) }
}

/** Confirms or dismisses one finding; the lists, counts and classification are then stale. */
export function useTransitionFinding() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: transitionFinding,
    onSuccess: (saved) => {
      client.setQueryData(['findings', 'detail', saved.finding.id], saved)
      return invalidateLagging(client)
    },
  })
}

/** After any change of a finding: lists, counts, the classification and plans may all have moved. */
export function invalidateLagging(client: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    client.invalidateQueries({ queryKey: ['findings'] }),
    client.invalidateQueries({ queryKey: ['lagging'] }),
    client.invalidateQueries({ queryKey: ['plans'] }),
  ])
}
