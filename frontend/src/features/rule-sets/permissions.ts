import type { Me } from '@/features/session/api/get-me'
import { hasRole } from '@/features/session/roles'
import type { RuleSetSummary } from './api/list-rule-sets'

/** City admins edit their city's rule sets, county admins their county's; everyone else reads. */
export function canEditRuleSet(me: Me | undefined | null, ruleSet: Pick<RuleSetSummary, 'jurisdiction'>): boolean {
  if (!me || ruleSet.jurisdiction.id !== me.jurisdiction.id) return false
  if (ruleSet.jurisdiction.level === 'CITY') return hasRole(me, 'city-admin')
  if (ruleSet.jurisdiction.level === 'COUNTY') return hasRole(me, 'county-admin')
  return false
}

/** Whether the caller may create rule sets for their own jurisdiction. */
export function canCreateRuleSet(me: Me | undefined | null): boolean {
  if (!me) return false
  return (me.jurisdiction.level === 'CITY' && hasRole(me, 'city-admin')) || (me.jurisdiction.level === 'COUNTY' && hasRole(me, 'county-admin'))
}
