import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/vue-query'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { api, etagForRevision, etagOf, type Schemas } from '@/api'
import type { operations } from '@/api/schema'

export type Plan = Schemas['RectificationPlan']
export type PlanSummary = Schemas['RectificationPlanSummary']
export type PlanPage = Schemas['RectificationPlanPage']
export type PlanInput = Schemas['RectificationPlanInput']
export type PlanUpdate = Schemas['RectificationPlanUpdate']
export type PlanState = Schemas['RectificationPlanState']
export type Task = Schemas['RectificationTask']
export type TaskInput = Schemas['RectificationTaskInput']
export type TaskStatus = Schemas['RectificationTaskStatus']
export type Visit = Schemas['RectificationVisit']
export type VisitInput = Schemas['RectificationVisitInput']
export type VisitMonth = Schemas['RectificationVisitMonth']
export type Acceptance = Schemas['RectificationAcceptance']
export type AcceptanceInput = Schemas['RectificationAcceptanceInput']
export type OverdueList = Schemas['RectificationOverdueList']
export type OverdueItem = Schemas['RectificationOverdueItem']
export type ListPlansParams = NonNullable<operations['listPlans']['parameters']['query']>

export interface VersionedPlan {
  plan: Plan
  etag: string
}

const versioned = (data: Plan, response: Response): VersionedPlan => ({ plan: data, etag: etagOf(response, etagForRevision(data.revision)) })

export async function getPlan(planId: number): Promise<VersionedPlan> {
  const { data, response } = await api.GET('/api/v1/rectification-plans/{planId}', { params: { path: { planId } } })
  return versioned(data!, response)
}

export async function listPlans(params: ListPlansParams): Promise<PlanPage> {
  const { data } = await api.GET('/api/v1/rectification-plans', { params: { query: params } })
  return data!
}

export async function listOverdue(under?: number): Promise<OverdueList> {
  const { data } = await api.GET('/api/v1/rectification-overdue', { params: { query: under ? { under } : {} } })
  return data!
}

export const planQueryOptions = (planId: number) =>
  queryOptions({ queryKey: ['plans', 'detail', planId] as const, queryFn: () => getPlan(planId) })

export function usePlan(planId: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const id = toValue(planId)
      return { ...planQueryOptions(id ?? 0), enabled: id !== null }
    }),
  )
}

export function usePlans(params: MaybeRefOrGetter<ListPlansParams | null>) {
  return useQuery(
    computed(() => {
      const p = toValue(params)
      return queryOptions({
        queryKey: ['plans', 'list', p ?? {}] as const,
        queryFn: () => listPlans(p!),
        placeholderData: keepPreviousData,
        enabled: p !== null,
      })
    }),
  )
}

export function useOverdue(under: MaybeRefOrGetter<number | null>) {
  return useQuery(
    computed(() => {
      const u = toValue(under)
      return queryOptions({
        queryKey: ['plans', 'overdue', u ?? 0] as const,
        queryFn: () => listOverdue(u ?? undefined),
        enabled: u !== null,
      })
    }),
  )
}

/** After any write to a plan: the plan, plan lists, overdue lists and the findings it moved. */
function invalidateAll(client: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    client.invalidateQueries({ queryKey: ['plans'] }),
    client.invalidateQueries({ queryKey: ['findings'] }),
    client.invalidateQueries({ queryKey: ['lagging'] }),
  ])
}

export async function createPlan(input: PlanInput): Promise<VersionedPlan> {
  const { data, response } = await api.POST('/api/v1/rectification-plans', { body: input })
  return versioned(data!, response)
}

export async function updatePlan({ planId, etag, body }: { planId: number; etag: string; body: PlanUpdate }): Promise<VersionedPlan> {
  const { data, response } = await api.PUT('/api/v1/rectification-plans/{planId}', {
    params: { path: { planId }, header: { 'If-Match': etag } },
    body,
  })
  return versioned(data!, response)
}

export async function addTask({ planId, body }: { planId: number; body: TaskInput }): Promise<Task> {
  const { data } = await api.POST('/api/v1/rectification-plans/{planId}/tasks', { params: { path: { planId } }, body })
  return data!
}

export async function updateTask({ planId, taskId, etag, body }: { planId: number; taskId: number; etag: string; body: TaskInput }): Promise<Task> {
  const { data } = await api.PUT('/api/v1/rectification-plans/{planId}/tasks/{taskId}', {
    params: { path: { planId, taskId }, header: { 'If-Match': etag } },
    body,
  })
  return data!
}

export async function recordVisit({ planId, body }: { planId: number; body: VisitInput }): Promise<Visit> {
  const { data } = await api.POST('/api/v1/rectification-plans/{planId}/visits', { params: { path: { planId } }, body })
  return data!
}

export async function acceptPlan({ planId, etag, body }: { planId: number; etag: string; body: AcceptanceInput }): Promise<VersionedPlan> {
  const { data, response } = await api.POST('/api/v1/rectification-plans/{planId}/acceptance', {
    params: { path: { planId }, header: { 'If-Match': etag } },
    body,
  })
  return versioned(data!, response)
}

export async function clearPlan({ planId, etag, reason }: { planId: number; etag: string; reason: string }): Promise<VersionedPlan> {
  const { data, response } = await api.POST('/api/v1/rectification-plans/{planId}/clearance', {
    params: { path: { planId }, header: { 'If-Match': etag } },
    body: { reason },
  })
  return versioned(data!, response)
}

/** One mutation hook per write; each renews what it may have moved. */
export function usePlanWrite<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient()
  return useMutation({ mutationFn: fn, onSuccess: () => invalidateAll(client) })
}
