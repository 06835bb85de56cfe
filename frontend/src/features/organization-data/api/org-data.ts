import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, ApiError, etagForRevision, etagOf, type Schemas } from '@/api'

export type PostKind = Schemas['PostKind']
export type LeadershipPost = Schemas['LeadershipPost']
export type LeadershipPostInput = Schemas['LeadershipPostInput']
export type Meeting = Schemas['Meeting']
export type MeetingInput = Schemas['MeetingInput']
export type MeetingKind = Schemas['MeetingKind']
export type MeetingPage = Schemas['MeetingPage']
export type Venue = Schemas['Venue']
export type VenueInput = Schemas['VenueInput']
export type VenueChecklist = Schemas['VenueChecklist']

export const POST_KINDS: readonly PostKind[] = ['SECRETARY', 'DEPUTY_SECRETARY', 'ORGANIZATION_COMMITTEE', 'PROPAGANDA_COMMITTEE', 'DISCIPLINE_COMMITTEE']
export const MEETING_KINDS: readonly MeetingKind[] = ['BRANCH_ASSEMBLY', 'COMMITTEE', 'GROUP', 'PARTY_LECTURE', 'THEME_DAY']

export async function listPosts(organizationId: number) {
  const { data } = await api.GET('/api/v1/organizations/{organizationId}/posts', { params: { path: { organizationId } } })
  return data!
}

export async function putPost({ organizationId, post, etag, body }: { organizationId: number; post: PostKind; etag: string | null; body: LeadershipPostInput }) {
  const { data } = await api.PUT('/api/v1/organizations/{organizationId}/posts/{post}', {
    params: { path: { organizationId, post }, header: etag ? { 'If-Match': etag } : {} },
    body,
  })
  return data!
}

export async function listMeetings(organizationId: number, page: number, size: number): Promise<MeetingPage> {
  const { data } = await api.GET('/api/v1/organizations/{organizationId}/meetings', {
    params: { path: { organizationId }, query: { page, size } },
  })
  return data!
}

export async function recordMeeting({ organizationId, body }: { organizationId: number; body: MeetingInput }) {
  const { data } = await api.POST('/api/v1/organizations/{organizationId}/meetings', { params: { path: { organizationId } }, body })
  return data!
}

export async function deleteMeeting({ organizationId, meetingId, reason }: { organizationId: number; meetingId: number; reason: string }) {
  await api.DELETE('/api/v1/organizations/{organizationId}/meetings/{meetingId}', {
    params: { path: { organizationId, meetingId }, query: { reason } },
  })
}

export interface VersionedVenue {
  venue: Venue
  etag: string
}

/** The venue, or null when the organisation has registered none (a 404 that says `venueRegistered: false`). */
export async function getVenue(organizationId: number): Promise<VersionedVenue | null> {
  try {
    const { data, response } = await api.GET('/api/v1/organizations/{organizationId}/venue', { params: { path: { organizationId } } })
    return { venue: data!, etag: etagOf(response, etagForRevision(data!.revision)) }
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.body?.venueRegistered === false) return null
    throw error
  }
}

export async function putVenue({ organizationId, etag, body }: { organizationId: number; etag: string | null; body: VenueInput }): Promise<VersionedVenue> {
  const { data, response } = await api.PUT('/api/v1/organizations/{organizationId}/venue', {
    params: { path: { organizationId }, header: etag ? { 'If-Match': etag } : {} },
    body,
  })
  return { venue: data!, etag: etagOf(response, etagForRevision(data!.revision)) }
}

export function usePosts(organizationId: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const id = toValue(organizationId)
      return queryOptions({ queryKey: ['org-data', 'posts', id ?? 0] as const, queryFn: () => listPosts(id!), enabled: id !== null })
    }),
  )
}

export function useMeetings(organizationId: MaybeRefOrGetter<number | null>, page: MaybeRefOrGetter<number>, size: MaybeRefOrGetter<number>) {
  return useQuery(
    computed(() => {
      const id = toValue(organizationId)
      const p = toValue(page)
      const s = toValue(size)
      return queryOptions({
        queryKey: ['org-data', 'meetings', id ?? 0, p, s] as const,
        queryFn: () => listMeetings(id!, p, s),
        placeholderData: keepPreviousData,
        enabled: id !== null,
      })
    }),
  )
}

export function useVenue(organizationId: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const id = toValue(organizationId)
      return queryOptions({ queryKey: ['org-data', 'venue', id ?? 0] as const, queryFn: () => getVenue(id!), enabled: id !== null })
    }),
  )
}

/** A write to an organisation's data; its cached data are then stale. */
export function useOrgDataWrite<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient()
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ['org-data'] }) })
}
