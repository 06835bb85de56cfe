import { useMutation, useQueryClient } from '@tanstack/vue-query'
import { api, type Schemas } from '@/api'
import type { Cycle } from './list-cycles'

export type CycleInput = Schemas['CycleInput']

export async function createCycle(input: CycleInput): Promise<Cycle> {
  const { data } = await api.POST('/api/v1/cycles', { body: input })
  return data!
}

/** Opens a cycle (OPEN) bound to one rule-set version. */
export function useCreateCycle() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: createCycle,
    onSuccess: () => client.invalidateQueries({ queryKey: ['cycles'] }).then(() => client.invalidateQueries({ queryKey: ['rule-sets'] })),
  })
}
