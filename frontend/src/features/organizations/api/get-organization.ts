import { queryOptions, useQuery } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, type Schemas } from '@/api'

export type OrganizationDetail = Schemas['OrganizationDetail']

export async function getOrganization(id: number): Promise<OrganizationDetail> {
  const { data } = await api.GET('/api/v1/organizations/{id}', { params: { path: { id } } })
  return data!
}

export const organizationQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['organizations', 'detail', id] as const,
    queryFn: () => getOrganization(id),
  })

/** One organisation with its ancestors and division-code history; `id` null → not asked. */
export function useOrganization(id: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const value = toValue(id)
      return { ...organizationQueryOptions(value ?? 0), enabled: value !== null }
    }),
  )
}
