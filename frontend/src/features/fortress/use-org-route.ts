import { computed } from 'vue'
import { useRoute } from 'vue-router'
import { parseCycleParam } from '@/features/cycles/use-cycle-selection'
import { useCycleStore } from '@/features/cycles/store'

/** The organisation (`:orgId`) and cycle (`?cycle=`, else the session's) of a scorecard or explanation page. */
export function useOrgRoute() {
  const route = useRoute()
  const store = useCycleStore()
  const orgId = computed(() => parseCycleParam(route.params.orgId))
  const cycleId = computed(() => parseCycleParam(route.query.cycle) ?? store.cycleId)
  return { orgId, cycleId }
}
