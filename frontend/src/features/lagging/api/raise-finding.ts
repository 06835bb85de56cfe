import { useMutation, useQueryClient } from '@tanstack/vue-query'
import { api, etagForRevision, etagOf, type Schemas } from '@/api'
import type { VersionedFinding } from './get-finding'

export type FindingInput = Schemas['FindingInput']

export async function raiseFinding(input: FindingInput): Promise<VersionedFinding> {
  const { data, response } = await api.POST('/api/v1/findings', { body: input })
  return { finding: data!, etag: etagOf(response, etagForRevision(data!.revision)) }
}

/** Raises a suspicion (SUSPECTED); every cached list of findings is then stale. */
export function useRaiseFinding() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: raiseFinding,
    onSuccess: (saved) => {
      client.setQueryData(['findings', 'detail', saved.finding.id], saved)
      return client.invalidateQueries({ queryKey: ['findings', 'list'] })
    },
  })
}
