import { computed } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import { parseCycleParam } from '@/features/cycles/use-cycle-selection'
import type { FortressSort, ListFortressIndicesParams } from './api/list-fortress-indices'

export const FORTRESS_SORTS: readonly FortressSort[] = ['-index', 'index', 'divisionCode', '-divisionCode', 'name', '-name']
export const DEFAULT_FORTRESS_SORT: FortressSort = '-index'
export const PAGE_SIZES = [10, 20, 50, 100] as const
export const DEFAULT_SIZE = 20

/** The fortress-index list's state; all of it lives in the URL (`cycle` is handled by the cycle picker). */
export interface FortressListState {
  under: number | null
  stars?: number
  complete?: boolean
  sort?: FortressSort
  page: number
  size: number
}

function one(query: LocationQuery, key: string): string | undefined {
  const value = query[key]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' && first !== '' ? first : undefined
}

export function parseFortressQuery(query: LocationQuery): FortressListState {
  const stars = Number(one(query, 'stars'))
  const complete = one(query, 'complete')
  const page = Number(one(query, 'page'))
  const size = Number(one(query, 'size'))
  return {
    under: parseCycleParam(one(query, 'under')),
    stars: Number.isInteger(stars) && stars >= 1 && stars <= 5 ? stars : undefined,
    complete: complete === 'true' ? true : complete === 'false' ? false : undefined,
    sort: FORTRESS_SORTS.find((s) => s === one(query, 'sort')),
    page: Number.isInteger(page) && page >= 1 && page <= 100000 ? page : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
  }
}

export function toFortressQuery(state: Partial<FortressListState>): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (state.under) query.under = String(state.under)
  if (state.stars) query.stars = String(state.stars)
  if (state.complete !== undefined) query.complete = String(state.complete)
  if (state.sort && state.sort !== DEFAULT_FORTRESS_SORT) query.sort = state.sort
  if (state.page && state.page > 1) query.page = String(state.page)
  if (state.size && state.size !== DEFAULT_SIZE) query.size = String(state.size)
  return query
}

export function fortressParams(state: FortressListState): ListFortressIndicesParams {
  return {
    page: state.page,
    size: state.size,
    ...(state.under ? { under: state.under } : {}),
    ...(state.stars ? { stars: state.stars } : {}),
    ...(state.complete !== undefined ? { complete: state.complete } : {}),
    ...(state.sort ? { sort: state.sort } : {}),
  }
}

export function useFortressListState() {
  const route = useRoute()
  const router = useRouter()
  const state = computed(() => parseFortressQuery(route.query))

  function update(patch: Partial<FortressListState>) {
    const cycle = route.query.cycle
    return router.push({ query: { ...(cycle ? { cycle } : {}), ...toFortressQuery({ ...state.value, ...patch }) } })
  }

  return { state, update }
}
