import { api, type Schemas } from '@/api'
import type { RuleSetDefinition } from './list-rule-sets'

export type ValidationReport = Schemas['ValidationReport']

/** Checks a definition without saving it: every problem with its field, and the totals per place type. */
export async function validateRuleSet(definition: RuleSetDefinition, signal?: AbortSignal): Promise<ValidationReport> {
  const { data } = await api.POST('/api/v1/rule-sets/validation', { body: definition, signal })
  return data!
}
