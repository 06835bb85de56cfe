import type { RuleSetDefinition } from './api/list-rule-sets'

/** The definition as sent: optional texts and lists left out when empty. */
export function cleaned(d: RuleSetDefinition): RuleSetDefinition {
  const copy = JSON.parse(JSON.stringify(d)) as RuleSetDefinition
  for (const dim of copy.dimensions) {
    for (const i of dim.indicators) {
      if (!i.description) delete i.description
      if (!i.appliesTo?.length) delete i.appliesTo
    }
  }
  if (copy.starGuide) {
    if (!copy.starGuide.five) delete copy.starGuide.five
    if (!copy.starGuide.four) delete copy.starGuide.four
    if (!copy.starGuide.five && !copy.starGuide.four) delete copy.starGuide
  }
  return copy
}
