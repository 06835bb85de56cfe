import { defineStore } from 'pinia'
import { ref } from 'vue'

const CYCLE_KEY = 'bastion.cycleId'

/** The cycle chosen in this session (the URL's `?cycle=` wins; this remembers it between pages). */
export const useCycleStore = defineStore('cycle', () => {
  const cycleId = ref<number | null>(read())

  function choose(id: number | null) {
    cycleId.value = id
    try {
      if (id === null) window.sessionStorage.removeItem(CYCLE_KEY)
      else window.sessionStorage.setItem(CYCLE_KEY, String(id))
    } catch {
      // Not remembered when storage is unavailable.
    }
  }

  return { cycleId, choose }
})

function read(): number | null {
  try {
    const value = window.sessionStorage.getItem(CYCLE_KEY)
    return value && /^[0-9]{1,15}$/.test(value) ? Number(value) : null
  } catch {
    return null
  }
}
