import { queryOptions, useQuery } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, etagForRevision, etagOf, type Schemas } from '@/api'

export type Finding = Schemas['Finding']
export type FindingEvent = Schemas['FindingEvent']
export type Attachment = Schemas['Attachment']

export interface VersionedFinding {
  finding: Finding
  /** The ETag to send back in If-Match. */
  etag: string
}

export async function getFinding(id: number): Promise<VersionedFinding> {
  const { data, response } = await api.GET('/api/v1/findings/{findingId}', { params: { path: { findingId: id } } })
  return { finding: data!, etag: etagOf(response, etagForRevision(data!.revision)) }
}

export const findingQueryOptions = (id: number) =>
  queryOptions({ queryKey: ['findings', 'detail', id] as const, queryFn: () => getFinding(id) })

/** One finding with its timeline, files and the caller's allowed actions; `id` null → not asked. */
export function useFinding(id: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const value = toValue(id)
      return { ...findingQueryOptions(value ?? 0), enabled: value !== null }
    }),
  )
}
