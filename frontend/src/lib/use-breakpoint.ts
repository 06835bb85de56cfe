import { onBeforeUnmount, ref, type Ref } from 'vue'

/** Phone-sized screens (below 768 px) get a drawer menu instead of the side menu. */
export const MOBILE_QUERY = '(max-width: 767.98px)'
/** Below 1024 px (phones and tablets) wide tables become lists of cards. */
export const NARROW_QUERY = '(max-width: 1023.98px)'

export function useMediaQuery(query: string): Ref<boolean> {
  const matches = ref(false)
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return matches
  const media = window.matchMedia(query)
  matches.value = media.matches
  const update = (event: MediaQueryListEvent) => (matches.value = event.matches)
  media.addEventListener('change', update)
  onBeforeUnmount(() => media.removeEventListener('change', update))
  return matches
}

export const useIsMobile = () => useMediaQuery(MOBILE_QUERY)
export const useIsNarrow = () => useMediaQuery(NARROW_QUERY)
