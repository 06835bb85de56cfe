import { queryOptions, useQuery } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, type Schemas } from '@/api'

export type Catalogue = Schemas['Catalogue']
export type CatalogueCriterion = Schemas['CatalogueCriterion']

export async function getEffectiveCatalogue(organizationId: number, year: number): Promise<Catalogue> {
  const { data } = await api.GET('/api/v1/catalogues/effective', { params: { query: { organizationId, year } } })
  return data!
}

export const effectiveCatalogueQueryOptions = (organizationId: number, year: number) =>
  queryOptions({
    queryKey: ['catalogues', 'effective', organizationId, year] as const,
    queryFn: () => getEffectiveCatalogue(organizationId, year),
    staleTime: 5 * 60_000,
  })

/** The catalogue in force for an organisation in a year; not asked while either is unknown. */
export function useEffectiveCatalogue(organizationId: MaybeRefOrGetter<number | null>, year: MaybeRefOrGetter<number>) {
  return useQuery(
    computed(() => {
      const id = toValue(organizationId)
      return { ...effectiveCatalogueQueryOptions(id ?? 0, toValue(year)), enabled: id !== null }
    }),
  )
}
