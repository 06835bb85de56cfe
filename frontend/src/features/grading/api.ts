import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, etagForRevision, type Schemas } from '@/api'
import { toApiError } from '@/api/client'
import type { operations } from '@/api/schema'
import { getAccessToken } from '@/lib/auth'

export type GradingRun = Schemas['GradingRun']
export type GradingResult = Schemas['GradingResult']
export type GradingResultPage = Schemas['GradingResultPage']
export type GradingSummary = Schemas['GradingSummary']
export type GradingFigures = Schemas['GradingFigures']
export type VillageRanking = Schemas['VillageRanking']
export type TownshipRanking = Schemas['TownshipRanking']
export type Target = Schemas['Target']
export type TargetList = Schemas['TargetList']
export type TargetInput = Schemas['TargetInput']
export type Tier = Schemas['Tier']
export type GradingClass = Schemas['GradingClass']
export type Movement = Schemas['Movement']
export type GradingReason = Schemas['GradingReason']
export type ResultsParams = NonNullable<operations['listGradingResults']['parameters']['query']>
export type ResultsSort = NonNullable<ResultsParams['sort']>
export type ExportParams = NonNullable<operations['exportGradingResults']['parameters']['query']>

const ACTIVE: readonly GradingRun['state'][] = ['QUEUED', 'RUNNING']
export const isActiveRun = (run: GradingRun | null | undefined) => Boolean(run && ACTIVE.includes(run.state))

// ---- runs

export async function listGradingRuns(cycleId: number): Promise<GradingRun[]> {
  const { data } = await api.GET('/api/v1/cycles/{cycleId}/grading-runs', { params: { path: { cycleId } } })
  return data!
}

export function useGradingRuns(cycleId: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const id = toValue(cycleId)
      return { queryKey: ['grading', 'runs', id] as const, queryFn: () => listGradingRuns(id!), enabled: id !== null }
    }),
  )
}

export async function getGradingRun(runId: number): Promise<GradingRun> {
  const { data } = await api.GET('/api/v1/grading-runs/{runId}', { params: { path: { runId } } })
  return data!
}

/** One run, polled every `intervalMs` while it is queued or running. */
export function useGradingRun(runId: MaybeRefOrGetter<number | null>, intervalMs = 1000) {
  return useQuery(
    computed(() => {
      const id = toValue(runId)
      return {
        queryKey: ['grading', 'run', id] as const,
        queryFn: () => getGradingRun(id!),
        enabled: id !== null,
        refetchInterval: (query: { state: { data?: GradingRun } }) => (isActiveRun(query.state.data) || !query.state.data ? intervalMs : false),
      }
    }),
  )
}

export async function startGradingRun(cycleId: number): Promise<GradingRun> {
  const { data } = await api.POST('/api/v1/cycles/{cycleId}/grading-runs', { params: { path: { cycleId } } })
  return data!
}

export function useStartGradingRun() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: startGradingRun,
    onSuccess: (run) => {
      client.setQueryData(['grading', 'run', run.id], run)
      return client.invalidateQueries({ queryKey: ['grading', 'runs'] })
    },
  })
}

// ---- results, summary, rankings

export async function listGradingResults(cycleId: number, params: ResultsParams): Promise<GradingResultPage> {
  const { data } = await api.GET('/api/v1/cycles/{cycleId}/grading-results', { params: { path: { cycleId }, query: params } })
  return data!
}

export function useGradingResults(cycleId: MaybeRefOrGetter<number | null>, params: MaybeRefOrGetter<ResultsParams | null>) {
  return useQuery(
    computed(() => {
      const id = toValue(cycleId)
      const p = toValue(params)
      return queryOptions({
        queryKey: ['grading', 'results', id, p] as const,
        queryFn: () => listGradingResults(id!, p!),
        enabled: id !== null && p !== null,
        placeholderData: keepPreviousData,
      })
    }),
  )
}

/** Every result of the scope (pages of 200, at most `maxPages`), for the movement flow. */
export async function listAllGradingResults(cycleId: number, under: number | undefined, maxPages = 50): Promise<GradingResult[]> {
  const base = { size: 200, sort: 'divisionCode' as const, ...(under ? { under } : {}) }
  const first = await listGradingResults(cycleId, { ...base, page: 1 })
  const pages = Math.min(first.totalPages, maxPages)
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => listGradingResults(cycleId, { ...base, page: i + 2 })))
  return [first, ...rest].flatMap((p) => p.items)
}

export function useAllGradingResults(cycleId: MaybeRefOrGetter<number | null>, under: MaybeRefOrGetter<number | null>, runKey: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const id = toValue(cycleId)
      const u = toValue(under)
      return {
        queryKey: ['grading', 'results', 'all', id, u, toValue(runKey)] as const,
        queryFn: () => listAllGradingResults(id!, u ?? undefined),
        enabled: id !== null,
      }
    }),
  )
}

export async function gradingSummary(cycleId: number, under?: number): Promise<GradingSummary> {
  const { data } = await api.GET('/api/v1/cycles/{cycleId}/grading-summary', {
    params: { path: { cycleId }, query: under ? { under } : {} },
  })
  return data!
}

export function useGradingSummary(cycleId: MaybeRefOrGetter<number | null>, under: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const id = toValue(cycleId)
      const u = toValue(under)
      return { queryKey: ['grading', 'summary', id, u] as const, queryFn: () => gradingSummary(id!, u ?? undefined), enabled: id !== null }
    }),
  )
}

export async function rankVillages(cycleId: number, under?: number, limit = 100): Promise<VillageRanking> {
  const { data } = await api.GET('/api/v1/cycles/{cycleId}/rankings/villages', {
    params: { path: { cycleId }, query: { limit, ...(under ? { under } : {}) } },
  })
  return data!
}

export async function rankTownships(cycleId: number, under?: number, limit = 10): Promise<TownshipRanking> {
  const { data } = await api.GET('/api/v1/cycles/{cycleId}/rankings/townships', {
    params: { path: { cycleId }, query: { limit, ...(under ? { under } : {}) } },
  })
  return data!
}

export function useVillageRanking(cycleId: MaybeRefOrGetter<number | null>, under: MaybeRefOrGetter<number | null>, limit = 100) {
  return useQuery(
    computed(() => {
      const id = toValue(cycleId)
      const u = toValue(under)
      return { queryKey: ['grading', 'rank-villages', id, u, limit] as const, queryFn: () => rankVillages(id!, u ?? undefined, limit), enabled: id !== null }
    }),
  )
}

export function useTownshipRanking(cycleId: MaybeRefOrGetter<number | null>, under: MaybeRefOrGetter<number | null>, limit = 10) {
  return useQuery(
    computed(() => {
      const id = toValue(cycleId)
      const u = toValue(under)
      return { queryKey: ['grading', 'rank-townships', id, u, limit] as const, queryFn: () => rankTownships(id!, u ?? undefined, limit), enabled: id !== null }
    }),
  )
}

// ---- targets

export async function listTargets(year: number, under?: number): Promise<TargetList> {
  const { data } = await api.GET('/api/v1/targets', { params: { query: { year, ...(under ? { under } : {}) } } })
  return data!
}

export function useTargets(year: MaybeRefOrGetter<number | null>, under: MaybeRefOrGetter<number | null> = null) {
  return useQuery(
    computed(() => {
      const y = toValue(year)
      const u = toValue(under)
      return { queryKey: ['grading', 'targets', y, u] as const, queryFn: () => listTargets(y!, u ?? undefined), enabled: y !== null }
    }),
  )
}

export interface PutTargetRequest {
  organizationId: number
  year: number
  input: TargetInput
  /** The revision of the target as read (an OWN target); null creates it. */
  revision: number | null | undefined
}

export async function putTarget({ organizationId, year, input, revision }: PutTargetRequest): Promise<Target> {
  const { data } = await api.PUT('/api/v1/targets/{organizationId}/{year}', {
    params: {
      path: { organizationId, year },
      header: revision === null || revision === undefined ? {} : { 'If-Match': etagForRevision(revision) },
    },
    body: input,
  })
  return data!
}

/** Sets a target; targets and summaries are then stale (an inherited target may have changed too). */
export function usePutTarget() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: putTarget,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['grading', 'targets'] }),
        client.invalidateQueries({ queryKey: ['grading', 'summary'] }),
      ]),
  })
}

// ---- export

/** The query string of an export (the same filters as the list, without paging). */
export function exportQuery(params: ExportParams): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && String(value) !== '') search.set(key, String(value))
  const text = search.toString()
  return text ? `?${text}` : ''
}

/** The file name of a Content-Disposition header, else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const match = disposition?.match(/filename="?([^";]+)"?/)
  return match?.[1] ?? fallback
}

/**
 * Downloads the CSV export with the bearer token (a plain link would carry none) as a blob, and
 * saves it under the server's file name.
 */
export async function downloadGradingCsv(cycleId: number, params: ExportParams, fetchImpl: typeof fetch = (r, i) => globalThis.fetch(r, i)): Promise<string> {
  const token = await getAccessToken()
  const response = await fetchImpl(`/api/v1/cycles/${cycleId}/grading-results.csv${exportQuery(params)}`, {
    headers: { Accept: 'text/csv, application/problem+json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  })
  if (!response.ok) throw await toApiError(response)
  const blob = await response.blob()
  const name = fileNameOf(response.headers.get('Content-Disposition'), `grading-${cycleId}.csv`)
  const url = URL.createObjectURL(blob)
  try {
    const a = document.createElement('a')
    a.href = url
    a.download = name
    document.body.appendChild(a)
    a.click()
    a.remove()
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }
  return name
}
