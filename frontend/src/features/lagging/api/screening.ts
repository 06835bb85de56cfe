import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, type Schemas } from '@/api'

export type ScreeningRun = Schemas['ScreeningRun']
export type ScreeningRunInput = Schemas['ScreeningRunInput']
export type ScreeningProposal = Schemas['ScreeningProposal']
export type ScreeningCriterionCount = Schemas['ScreeningCriterionCount']

export async function runScreening(input: ScreeningRunInput): Promise<ScreeningRun> {
  const { data } = await api.POST('/api/v1/screening-runs', { body: input })
  return data!
}

export async function listScreeningRuns(under: number, size = 1) {
  const { data } = await api.GET('/api/v1/screening-runs', { params: { query: { under, size } } })
  return data!
}

/** The newest screening run over (or under) an organisation. */
export function useLatestScreeningRun(under: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const id = toValue(under)
      return queryOptions({
        queryKey: ['screening-runs', 'latest', id ?? 0] as const,
        queryFn: () => listScreeningRuns(id!, 1),
        enabled: id !== null,
      })
    }),
  )
}

/** Runs 智能排查 over a township or county; the board's findings are then stale. */
export function useRunScreening() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: runScreening,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['findings'] }),
        client.invalidateQueries({ queryKey: ['screening-runs'] }),
      ]),
  })
}
