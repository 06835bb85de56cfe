/**
 * The figures that made screening propose a finding (`triggerData`, free-form per rule) as label/value
 * rows: known keys get a translated label, values are shown as sent (objects as compact JSON).
 */
export function triggerRows(
  data: Record<string, unknown> | null | undefined,
  label: (key: string) => string,
  ruleLabel: (rule: string) => string = (rule) => rule,
): { key: string; label: string; value: string }[] {
  if (!data || typeof data !== 'object') return []
  return Object.entries(data).map(([key, value]) => ({
    key,
    label: label(key),
    value:
      value === null || value === undefined
        ? '—'
        : key === 'rule' && typeof value === 'string'
          ? ruleLabel(value)
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value),
  }))
}
