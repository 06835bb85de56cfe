import type { FieldError, Schemas } from '@/api'
import { compareDecimals, DECIMAL_PATTERN } from '@/lib/decimal'
import type { Dimension, Indicator, RuleSetDefinition } from '@/features/rule-sets/api/list-rule-sets'
import type { Scorecard, ScorecardInput } from './api/get-scorecard'

type PlaceType = Schemas['PlaceType']

/** What the form edits; every number is kept as the text typed, never as a float. */
export interface ItemModel {
  selfScore: string
  verifiedScore: string
  note: string
}
export interface EvaluationModel {
  respondents: string
  satisfied: string
}
export interface AdjustmentModel {
  code: string
  points: string
  reason: string
}
export interface VetoModel {
  code: string
  reason: string
}
export interface ScorecardModel {
  items: Record<string, ItemModel>
  members: EvaluationModel
  masses: EvaluationModel
  bonuses: AdjustmentModel[]
  deductions: AdjustmentModel[]
  vetoes: VetoModel[]
  correctionReason: string
}

/** A message key of `score.error.*` with its parameters. */
export interface FormError {
  key: string
  params?: Record<string, string>
}
export type FormErrors = Record<string, FormError>

/** The dimensions with only the indicators that apply to the place type (no `appliesTo` = common). */
export function applicableDimensions(definition: RuleSetDefinition, placeType: PlaceType | null | undefined): Dimension[] {
  return definition.dimensions
    .map((d) => ({
      ...d,
      indicators: d.indicators.filter((i) => !i.appliesTo?.length || (placeType != null && i.appliesTo.includes(placeType))),
    }))
    .filter((d) => d.indicators.length > 0)
}

export function indicatorsOf(dimensions: Dimension[]): Indicator[] {
  return dimensions.flatMap((d) => d.indicators)
}

function evaluationModel(e: Schemas['Evaluation'] | undefined): EvaluationModel {
  return e ? { respondents: String(e.respondents), satisfied: String(e.satisfied) } : { respondents: '', satisfied: '' }
}

export function toModel(card: Scorecard | ScorecardInput, dimensions: Dimension[]): ScorecardModel {
  const items: Record<string, ItemModel> = {}
  for (const indicator of indicatorsOf(dimensions)) {
    const item = card.items.find((i) => i.indicatorCode === indicator.code)
    items[indicator.code] = { selfScore: item?.selfScore ?? '', verifiedScore: item?.verifiedScore ?? '', note: item?.note ?? '' }
  }
  return {
    items,
    members: evaluationModel(card.members),
    masses: evaluationModel(card.masses),
    bonuses: card.bonuses.map((b) => ({ ...b })),
    deductions: card.deductions.map((d) => ({ ...d })),
    vetoes: card.vetoes.map((v) => ({ ...v })),
    correctionReason: '',
  }
}

function evaluationInput(e: EvaluationModel): Schemas['Evaluation'] | undefined {
  if (e.respondents.trim() === '' && e.satisfied.trim() === '') return undefined
  return { respondents: Number(e.respondents), satisfied: Number(e.satisfied) }
}

/** The body of the PUT; the items follow the order of `codes`, so server errors `items[i]` map back. */
export function toInput(model: ScorecardModel, codes: string[], withCorrectionReason: boolean): ScorecardInput {
  const items = codes
    .map((code) => ({ code, item: model.items[code]! }))
    .filter(({ item }) => item.selfScore.trim() || item.verifiedScore.trim() || item.note.trim())
    .map(({ code, item }) => ({
      indicatorCode: code,
      ...(item.selfScore.trim() ? { selfScore: item.selfScore.trim() } : {}),
      ...(item.verifiedScore.trim() ? { verifiedScore: item.verifiedScore.trim() } : {}),
      ...(item.note.trim() ? { note: item.note } : {}),
    }))
  const members = evaluationInput(model.members)
  const masses = evaluationInput(model.masses)
  return {
    items,
    ...(members ? { members } : {}),
    ...(masses ? { masses } : {}),
    bonuses: model.bonuses.map((b) => ({ code: b.code, points: b.points.trim(), reason: b.reason })),
    deductions: model.deductions.map((d) => ({ code: d.code, points: d.points.trim(), reason: d.reason })),
    vetoes: model.vetoes.map((v) => ({ code: v.code, reason: v.reason })),
    ...(withCorrectionReason ? { correctionReason: model.correctionReason } : {}),
  }
}

const INTEGER = /^[0-9]{1,6}$/
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f]/

function score(errors: FormErrors, field: string, value: string, max: string) {
  const v = value.trim()
  if (v === '') return
  if (!DECIMAL_PATTERN.test(v)) errors[field] = { key: 'format' }
  else if (compareDecimals(v, max) > 0) errors[field] = { key: 'aboveMax', params: { max } }
}

function reason(errors: FormErrors, field: string, value: string) {
  if (!value.trim()) errors[field] = { key: 'reasonRequired' }
  else if (value.length > 500) errors[field] = { key: 'tooLong', params: { max: '500' } }
  else if (CONTROL.test(value)) errors[field] = { key: 'control' }
}

function evaluation(errors: FormErrors, field: string, e: EvaluationModel) {
  const r = e.respondents.trim()
  const s = e.satisfied.trim()
  if (r === '' && s === '') return
  if (!INTEGER.test(r) || Number(r) < 1 || Number(r) > 100000) errors[`${field}.respondents`] = { key: 'respondents' }
  if (!INTEGER.test(s) || Number(s) > 100000) errors[`${field}.satisfied`] = { key: 'integer' }
  else if (INTEGER.test(r) && Number(s) > Number(r)) errors[`${field}.satisfied`] = { key: 'satisfiedAboveRespondents' }
}

/**
 * Checks the form as the contract and the rule set do: scores 0..max with at most two decimals,
 * evaluations as whole numbers with satisfied ≤ respondents, adjustments and vetoes from the
 * rule set's lists with a reason, and the correction reason when one is required.
 */
export function validate(
  model: ScorecardModel,
  definition: RuleSetDefinition,
  dimensions: Dimension[],
  options: { correctionRequired: boolean },
): FormErrors {
  const errors: FormErrors = {}
  for (const indicator of indicatorsOf(dimensions)) {
    const item = model.items[indicator.code]
    if (!item) continue
    score(errors, `items.${indicator.code}.selfScore`, item.selfScore, indicator.max)
    score(errors, `items.${indicator.code}.verifiedScore`, item.verifiedScore, indicator.max)
    if (item.note.length > 1000) errors[`items.${indicator.code}.note`] = { key: 'tooLong', params: { max: '1000' } }
    else if (CONTROL.test(item.note)) errors[`items.${indicator.code}.note`] = { key: 'control' }
  }
  evaluation(errors, 'members', model.members)
  evaluation(errors, 'masses', model.masses)
  for (const kind of ['bonuses', 'deductions'] as const) {
    const rules = definition[kind]
    model[kind].forEach((a, i) => {
      const path = `${kind}[${i}]`
      if (!rules.some((r) => r.code === a.code)) errors[`${path}.code`] = { key: 'codeRequired' }
      const p = a.points.trim()
      if (!DECIMAL_PATTERN.test(p)) errors[`${path}.points`] = { key: 'format' }
      else if (compareDecimals(p, '0') <= 0) errors[`${path}.points`] = { key: 'positive' }
      reason(errors, `${path}.reason`, a.reason)
    })
  }
  model.vetoes.forEach((v, i) => {
    if (!definition.vetoes.some((r) => r.code === v.code)) errors[`vetoes[${i}].code`] = { key: 'codeRequired' }
    reason(errors, `vetoes[${i}].reason`, v.reason)
  })
  if (options.correctionRequired) reason(errors, 'correctionReason', model.correctionReason)
  return errors
}

/** Maps a server's field path (`items[3].verifiedScore`) to the form's (`items.LEAD_TEAM.verifiedScore`). */
export function formField(serverField: string, codes: string[]): string {
  const match = /^items\[(\d+)\](\..+)?$/.exec(serverField)
  if (match) {
    const code = codes[Number(match[1])]
    return code ? `items.${code}${match[2] ?? ''}` : serverField
  }
  return serverField.replace(/^\//, '').replace(/\//g, '.')
}

/** Server field errors keyed by form field; the ones that name no field of the form are `unmatched`. */
export function serverErrors(fieldErrors: FieldError[], codes: string[], known: (field: string) => boolean) {
  const matched: Record<string, string> = {}
  const unmatched: FieldError[] = []
  for (const e of fieldErrors) {
    const field = formField(e.field, codes)
    if (known(field)) matched[field] = matched[field] ? `${matched[field]}; ${e.message}` : e.message
    else unmatched.push(e)
  }
  return { matched, unmatched }
}

/** The fields of a model, flattened to text, in the form's order (for diffs and 3-way merges). */
export function flatten(model: ScorecardModel, codes: string[]): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const code of codes) {
    const item = model.items[code] ?? { selfScore: '', verifiedScore: '', note: '' }
    flat[`items.${code}.selfScore`] = item.selfScore.trim()
    flat[`items.${code}.verifiedScore`] = item.verifiedScore.trim()
    flat[`items.${code}.note`] = item.note
  }
  for (const e of ['members', 'masses'] as const) {
    flat[`${e}.respondents`] = model[e].respondents.trim()
    flat[`${e}.satisfied`] = model[e].satisfied.trim()
  }
  flat.bonuses = model.bonuses.map((b) => `${b.code} +${b.points.trim()}(${b.reason})`).join('; ')
  flat.deductions = model.deductions.map((d) => `${d.code} −${d.points.trim()}(${d.reason})`).join('; ')
  flat.vetoes = model.vetoes.map((v) => `${v.code}(${v.reason})`).join('; ')
  return flat
}

export interface FieldChange {
  field: string
  mine: string
  theirs: string
}

/** The fields where my form and their stored scorecard differ. */
export function differences(mine: ScorecardModel, theirs: ScorecardModel, codes: string[]): FieldChange[] {
  const a = flatten(mine, codes)
  const b = flatten(theirs, codes)
  return Object.keys(a)
    .filter((field) => a[field] !== b[field])
    .map((field) => ({ field, mine: a[field]!, theirs: b[field]! }))
}

/**
 * Their scorecard with my own changes re-applied: a field I changed since I loaded (`base`) keeps
 * my value, every other field takes theirs.
 */
export function rebase(base: ScorecardModel, mine: ScorecardModel, theirs: ScorecardModel, codes: string[]): ScorecardModel {
  const merged: ScorecardModel = toRaw(theirs)
  const b = flatten(base, codes)
  const m = flatten(mine, codes)
  for (const code of codes) {
    for (const key of ['selfScore', 'verifiedScore', 'note'] as const) {
      const field = `items.${code}.${key}`
      if (m[field] !== b[field]) merged.items[code]![key] = mine.items[code]![key]
    }
  }
  for (const e of ['members', 'masses'] as const) {
    if (m[`${e}.respondents`] !== b[`${e}.respondents`] || m[`${e}.satisfied`] !== b[`${e}.satisfied`]) {
      merged[e] = { ...mine[e] }
    }
  }
  for (const list of ['bonuses', 'deductions', 'vetoes'] as const) {
    if (m[list] !== b[list]) (merged[list] as unknown) = toRaw(mine[list])
  }
  merged.correctionReason = mine.correctionReason
  return merged
}

/** A plain copy of a (possibly reactive) object. */
function toRaw<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}
