import { computed } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import { parseCycleParam } from '@/features/cycles/use-cycle-selection'
import type { FindingSource, FindingState } from './labels'
import type { ListFindingsParams } from './api/list-findings'

/** The board's tabs: the three working columns and everything finished. */
export type BoardTab = 'SUSPECTED' | 'CONFIRMED' | 'RECTIFYING' | 'CLOSED'
export const BOARD_TABS: readonly BoardTab[] = ['SUSPECTED', 'CONFIRMED', 'RECTIFYING', 'CLOSED']
export const CLOSED_TAB_STATES: readonly FindingState[] = ['ACCEPTED', 'CLEARED', 'DISMISSED']
export const PAGE_SIZES = [10, 20, 50, 100] as const
export const DEFAULT_SIZE = 20

export interface BoardState {
  tab: BoardTab
  under: number | null
  criterion?: string
  source?: FindingSource
  page: number
  size: number
}

function one(query: LocationQuery, key: string): string | undefined {
  const value = query[key]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' && first !== '' ? first : undefined
}

export function parseBoardQuery(query: LocationQuery): BoardState {
  const page = Number(one(query, 'page'))
  const size = Number(one(query, 'size'))
  const criterion = one(query, 'criterion')
  const source = one(query, 'source')
  return {
    tab: BOARD_TABS.find((t) => t === one(query, 'tab')) ?? 'SUSPECTED',
    under: parseCycleParam(one(query, 'under')),
    criterion: criterion && /^[A-Z][A-Z0-9_]{0,19}$/.test(criterion) ? criterion : undefined,
    source: source === 'MANUAL' || source === 'SCREENING' ? source : undefined,
    page: Number.isInteger(page) && page >= 1 && page <= 100000 ? page : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
  }
}

export function toBoardQuery(state: Partial<BoardState>): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (state.tab && state.tab !== 'SUSPECTED') query.tab = state.tab
  if (state.under) query.under = String(state.under)
  if (state.criterion) query.criterion = state.criterion
  if (state.source) query.source = state.source
  if (state.page && state.page > 1) query.page = String(state.page)
  if (state.size && state.size !== DEFAULT_SIZE) query.size = String(state.size)
  return query
}

/** The states a tab lists, comma-separated as the API takes them. */
export function tabStates(tab: BoardTab): string {
  return tab === 'CLOSED' ? CLOSED_TAB_STATES.join(',') : tab
}

/** The count shown on a tab, from the page's counts per state. */
export function tabCount(tab: BoardTab, counts: Record<FindingState, number> | undefined): number | null {
  if (!counts) return null
  return tab === 'CLOSED' ? CLOSED_TAB_STATES.reduce((sum, s) => sum + (counts[s] ?? 0), 0) : (counts[tab] ?? 0)
}

export function boardParams(state: BoardState): ListFindingsParams {
  return {
    state: tabStates(state.tab),
    page: state.page,
    size: state.size,
    ...(state.under ? { under: state.under } : {}),
    ...(state.criterion ? { criterion: state.criterion } : {}),
    ...(state.source ? { source: state.source } : {}),
  }
}

export function useBoardState() {
  const route = useRoute()
  const router = useRouter()
  const state = computed(() => parseBoardQuery(route.query))
  function update(patch: Partial<BoardState>) {
    return router.push({ query: toBoardQuery({ ...state.value, ...patch }) })
  }
  return { state, update }
}
