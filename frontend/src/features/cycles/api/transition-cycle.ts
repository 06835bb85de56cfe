import { useMutation, useQueryClient } from '@tanstack/vue-query'
import { api, type Schemas } from '@/api'
import { getCycle } from './get-cycle'
import type { Cycle } from './list-cycles'

export type CycleAction = Schemas['CycleTransition']['action']

export interface TransitionRequest {
  cycleId: number
  action: CycleAction
  reason?: string
  /** The ETag as last read; when absent the cycle is read first. */
  etag?: string
}

export async function transitionCycle({ cycleId, action, reason, etag }: TransitionRequest): Promise<Cycle> {
  const ifMatch = etag ?? (await getCycle(cycleId)).etag
  const { data } = await api.POST('/api/v1/cycles/{cycleId}/transitions', {
    params: { path: { cycleId }, header: { 'If-Match': ifMatch } },
    body: reason ? { action, reason } : { action },
  })
  return data!
}

/** Locks (公示) or publishes a cycle; every cached cycle, scorecard and index is then stale. */
export function useTransitionCycle() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: transitionCycle,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['cycles'] }),
        client.invalidateQueries({ queryKey: ['scorecards'] }),
        client.invalidateQueries({ queryKey: ['fortress-indices'] }),
      ]),
  })
}
