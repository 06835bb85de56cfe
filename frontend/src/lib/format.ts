import type { Schemas } from '@/api'

type Translate = (key: string) => string

export type Level = Schemas['Level']
export type OrgType = Schemas['OrgType']
export type PlaceType = Schemas['PlaceType']

export const LEVELS: readonly Level[] = ['CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE']
export const ORG_TYPES: readonly OrgType[] = ['PARTY_COMMITTEE', 'GENERAL_BRANCH', 'BRANCH']
export const PLACE_TYPES: readonly PlaceType[] = ['VILLAGE', 'COMMUNITY']

export function levelLabel(t: Translate, level: Level | null | undefined): string {
  return level ? t(`level.${level}`) : '—'
}

export function orgTypeLabel(t: Translate, orgType: OrgType | null | undefined): string {
  return orgType ? t(`orgType.${orgType}`) : '—'
}

export function placeTypeLabel(t: Translate, placeType: PlaceType | null | undefined): string {
  return placeType ? t(`placeType.${placeType}`) : '—'
}

export function roleLabel(t: Translate, role: string): string {
  return t(`role.${role}`)
}

/** The levels strictly below the given one, top-down. */
export function levelsBelow(level: Level): Level[] {
  return LEVELS.slice(LEVELS.indexOf(level) + 1)
}

/** A 12-digit division code grouped as province-prefecture-county township village: 23 12 02 101 001. */
export function formatDivisionCode(code: string | null | undefined): string {
  if (!code) return '—'
  if (!/^[0-9]{12}$/.test(code)) return code
  return `${code.slice(0, 6)} ${code.slice(6, 9)} ${code.slice(9)}`
}

/** A date as the API gives it (YYYY-MM-DD), shown unchanged; null → the given placeholder. */
export function formatDate(date: string | null | undefined, placeholder = '—'): string {
  return date ? date.slice(0, 10) : placeholder
}

export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n)
}
