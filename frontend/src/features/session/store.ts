import { defineStore } from 'pinia'
import { ref } from 'vue'

const COLLAPSED_KEY = 'bastion.sidebarCollapsed'

/** UI state of the session (server state lives in TanStack Query, not here). */
export const useUiStore = defineStore('ui', () => {
  const sidebarCollapsed = ref(readCollapsed())
  const drawerOpen = ref(false)

  function toggleSidebar() {
    sidebarCollapsed.value = !sidebarCollapsed.value
    try {
      window.localStorage.setItem(COLLAPSED_KEY, String(sidebarCollapsed.value))
    } catch {
      // Not remembered when storage is unavailable.
    }
  }

  return { sidebarCollapsed, drawerOpen, toggleSidebar }
})

function readCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === 'true'
  } catch {
    return false
  }
}
