import { computed, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useCycles, type Cycle } from './api/list-cycles'
import { useCycleStore } from './store'

export function parseCycleParam(value: unknown): number | null {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' && /^[0-9]{1,15}$/.test(first) && Number(first) > 0 ? Number(first) : null
}

/**
 * The chosen cycle: `?cycle=ID` in the URL, else the one remembered in this session, else the
 * newest visible cycle. Whatever is chosen is written back to the URL (so every view is a link)
 * and to the session store.
 */
export function useCycleSelection() {
  const route = useRoute()
  const router = useRouter()
  const store = useCycleStore()
  const cycles = useCycles()

  const fromUrl = computed(() => parseCycleParam(route.query.cycle))
  const list = computed<Cycle[]>(() => cycles.data.value ?? [])
  const cycle = computed<Cycle | null>(() => {
    const wanted = fromUrl.value ?? store.cycleId
    return list.value.find((c) => c.id === wanted) ?? (fromUrl.value === null ? (list.value[0] ?? null) : null)
  })
  /** The id to ask the API for: the URL's even before the list has loaded. */
  const cycleId = computed<number | null>(() => fromUrl.value ?? cycle.value?.id ?? null)

  watch(
    [cycle, fromUrl],
    ([current, urlId]) => {
      if (urlId !== null) {
        if (store.cycleId !== urlId) store.choose(urlId)
        return
      }
      if (current) void router.replace({ query: { ...route.query, cycle: String(current.id) } })
    },
    { immediate: true },
  )

  function choose(id: number) {
    store.choose(id)
    void router.push({ query: { ...route.query, cycle: String(id), page: undefined } })
  }

  return { cycles, list, cycle, cycleId, choose }
}
