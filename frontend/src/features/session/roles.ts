import type { Me } from './api/get-me'

export type Role = Me['roles'][number]

export function hasRole(me: Me | undefined | null, role: Role): boolean {
  return Boolean(me?.roles.includes(role))
}

/** County and city administrators open, lock and publish cycles. */
export function isCycleAdmin(me: Me | undefined | null): boolean {
  return hasRole(me, 'county-admin') || hasRole(me, 'city-admin')
}
