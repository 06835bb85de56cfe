import { keepPreviousData, queryOptions, useQuery } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, type Schemas } from '@/api'
import type { operations } from '@/api/schema'

export type Organization = Schemas['Organization']
export type OrganizationPage = Schemas['OrganizationPage']
export type ListOrganizationsParams = NonNullable<operations['listOrganizations']['parameters']['query']>
export type OrganizationSort = NonNullable<ListOrganizationsParams['sort']>

export async function listOrganizations(params: ListOrganizationsParams): Promise<OrganizationPage> {
  const { data } = await api.GET('/api/v1/organizations', { params: { query: params } })
  return data!
}

export const listOrganizationsQueryOptions = (params: ListOrganizationsParams) =>
  queryOptions({
    queryKey: ['organizations', 'list', params] as const,
    queryFn: () => listOrganizations(params),
    placeholderData: keepPreviousData,
  })

/** A page of organisations; `params` null while it cannot be asked yet. */
export function useOrganizations(params: MaybeRefOrGetter<ListOrganizationsParams | null>) {
  return useQuery(
    computed(() => {
      const value = toValue(params)
      return { ...listOrganizationsQueryOptions(value ?? {}), enabled: value !== null }
    }),
  )
}
