import { useMutation, useQueryClient } from '@tanstack/vue-query'
import { api, type Schemas } from '@/api'
import { invalidateLagging } from './transition-finding'

export type BulkFindingTransition = Schemas['BulkFindingTransition']
export type BulkFindingResult = Schemas['BulkFindingResult']
export type BulkItemOutcome = BulkFindingResult['items'][number]

export async function bulkTransitionFindings(body: BulkFindingTransition): Promise<BulkFindingResult> {
  const { data } = await api.POST('/api/v1/findings/bulk-transitions', { body })
  return data!
}

/** Confirms or dismisses many findings with one reason; each item has its own outcome. */
export function useBulkTransitionFindings() {
  const client = useQueryClient()
  return useMutation({ mutationFn: bulkTransitionFindings, onSuccess: () => invalidateLagging(client) })
}
