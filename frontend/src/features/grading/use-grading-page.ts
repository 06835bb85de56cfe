import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useMe } from '@/features/session/api/get-me'
import { parseCycleParam, useCycleSelection } from '@/features/cycles/use-cycle-selection'
import { useAllGradingResults, useGradingSummary } from './api'
import { canGrade, movementMatrix } from './logic'

/** What every grading page shares: the caller, the chosen cycle, the scope (`?under=`) and its summary. */
export function useGradingPage() {
  const route = useRoute()
  const router = useRouter()
  const me = useMe()
  const selection = useCycleSelection()
  const under = computed(() => parseCycleParam(route.query.under))
  const summary = useGradingSummary(selection.cycleId, under)
  const runId = computed(() => summary.data.value?.run?.id ?? null)
  const all = useAllGradingResults(
    computed(() => (runId.value === null ? null : selection.cycleId.value)),
    under,
    runId,
  )
  const matrix = computed(() => (all.data.value ? movementMatrix(all.data.value) : null))
  const mayGrade = computed(() => canGrade(me.data.value, selection.cycle.value))
  const noCycle = computed(() => selection.cycles.isSuccess.value && selection.list.value.length === 0)

  function setUnder(id: number | null) {
    void router.push({ query: { ...route.query, under: id ? String(id) : undefined } })
  }

  return { me, selection, under, summary, all, matrix, mayGrade, noCycle, setUnder }
}
