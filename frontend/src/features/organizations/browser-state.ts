import { computed } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import { LEVELS, ORG_TYPES, PLACE_TYPES, type Level, type OrgType, type PlaceType } from '@/lib/format'
import type { ListOrganizationsParams, OrganizationSort } from './api/list-organizations'

export const SORTS: readonly OrganizationSort[] = ['divisionCode', '-divisionCode', 'name', '-name', 'code', '-code']
export const PAGE_SIZES = [10, 20, 50, 100] as const
export const DEFAULT_SIZE = 20

/** What the organisation browser shows; all of it lives in the URL, so every view is a link. */
export interface BrowserState {
  node: number | null
  q?: string
  level?: Level
  orgType?: OrgType
  placeType?: PlaceType
  page: number
  size: number
  sort?: OrganizationSort
  detail: number | null
}

function one(query: LocationQuery, key: string): string | undefined {
  const value = query[key]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' && first !== '' ? first : undefined
}

function positiveInt(value: string | undefined, max: number): number | null {
  if (!value || !/^[0-9]{1,16}$/.test(value)) return null
  const n = Number(value)
  return n >= 1 && n <= max ? n : null
}

function member<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return allowed.find((a) => a === value)
}

export function parseBrowserQuery(query: LocationQuery): BrowserState {
  const q = one(query, 'q')?.trim().slice(0, 50)
  const size = positiveInt(one(query, 'size'), 200)
  return {
    node: positiveInt(one(query, 'node'), Number.MAX_SAFE_INTEGER),
    q: q || undefined,
    level: member(LEVELS, one(query, 'level')),
    orgType: member(ORG_TYPES, one(query, 'orgType')),
    placeType: member(PLACE_TYPES, one(query, 'placeType')),
    page: positiveInt(one(query, 'page'), 100000) ?? 1,
    size: size && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
    sort: member(SORTS, one(query, 'sort')),
    detail: positiveInt(one(query, 'detail'), Number.MAX_SAFE_INTEGER),
  }
}

export function toBrowserQuery(state: Partial<BrowserState>): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (state.node) query.node = String(state.node)
  if (state.q) query.q = state.q
  if (state.level) query.level = state.level
  if (state.orgType) query.orgType = state.orgType
  if (state.placeType) query.placeType = state.placeType
  if (state.page && state.page > 1) query.page = String(state.page)
  if (state.size && state.size !== DEFAULT_SIZE) query.size = String(state.size)
  if (state.sort) query.sort = state.sort
  if (state.detail) query.detail = String(state.detail)
  return query
}

/** Searching (text or filters) covers the whole jurisdiction; otherwise we list a node's children. */
export function isSearching(state: BrowserState): boolean {
  return Boolean(state.q || state.level || state.orgType || state.placeType)
}

export function listParams(state: BrowserState, parentId: number | null): ListOrganizationsParams | null {
  const base = { page: state.page, size: state.size, ...(state.sort ? { sort: state.sort } : {}) }
  if (isSearching(state)) {
    return {
      ...base,
      ...(state.q ? { q: state.q } : {}),
      ...(state.level ? { level: state.level } : {}),
      ...(state.orgType ? { orgType: state.orgType } : {}),
      ...(state.placeType ? { placeType: state.placeType } : {}),
    }
  }
  return parentId === null ? null : { ...base, parentId }
}

export function useBrowserState() {
  const route = useRoute()
  const router = useRouter()
  const state = computed(() => parseBrowserQuery(route.query))

  function update(patch: Partial<BrowserState>, options: { replace?: boolean } = {}) {
    const query = toBrowserQuery({ ...state.value, ...patch })
    return options.replace ? router.replace({ query }) : router.push({ query })
  }

  return { state, update }
}
