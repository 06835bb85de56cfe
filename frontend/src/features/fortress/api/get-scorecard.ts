import { queryOptions, useQuery } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, etagForRevision, etagOf, type Schemas } from '@/api'

export type Scorecard = Schemas['Scorecard']
export type ScorecardInput = Schemas['ScorecardInput']

export interface VersionedScorecard {
  scorecard: Scorecard
  /** The ETag to send back in If-Match (`"0"` for a scorecard never written). */
  etag: string
}

export async function getScorecard(cycleId: number, organizationId: number): Promise<VersionedScorecard> {
  const { data, response } = await api.GET('/api/v1/cycles/{cycleId}/scorecards/{organizationId}', {
    params: { path: { cycleId, organizationId } },
  })
  return { scorecard: data!, etag: etagOf(response, etagForRevision(data!.revision)) }
}

export const scorecardQueryOptions = (cycleId: number, organizationId: number) =>
  queryOptions({
    queryKey: ['scorecards', cycleId, organizationId] as const,
    queryFn: () => getScorecard(cycleId, organizationId),
    // A form being edited must not be replaced under the user's hands.
    staleTime: Infinity,
  })

export function useScorecard(cycleId: MaybeRefOrGetter<number | null>, organizationId: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const c = toValue(cycleId)
      const o = toValue(organizationId)
      return { ...scorecardQueryOptions(c ?? 0, o ?? 0), enabled: c !== null && o !== null }
    }),
  )
}
