/**
 * Exact decimals as the API writes them (strings such as "7.5" or "84.9533"). They are never
 * turned into floating-point numbers for display: what an official reads is what was sent.
 * Sums (subtotals of a scorecard) are computed exactly on scaled big integers.
 */

/** The contract's `Decimal`: a non-negative number with at most two decimals ("7", "7.5", "7.25"). */
export const DECIMAL_PATTERN = /^[0-9]{1,3}(\.[0-9]{1,2})?$/
const EXACT_PATTERN = /^-?[0-9]+(\.[0-9]+)?$/

interface Scaled {
  units: bigint
  scale: number
}

function parse(value: string): Scaled {
  if (!EXACT_PATTERN.test(value)) throw new Error(`not a decimal: ${value}`)
  const negative = value.startsWith('-')
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.')
  const units = BigInt(`${whole}${fraction}`)
  return { units: negative ? -units : units, scale: fraction.length }
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale)
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : ''
  return `${negative ? '-' : ''}${whole}${fraction}`
}

export function isDecimal(value: string): boolean {
  return EXACT_PATTERN.test(value)
}

/** The exact sum of decimals, written with the largest number of decimals among them ("0" for none). */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(parse)
  const scale = Math.max(0, ...parsed.map((p) => p.scale))
  return format(parsed.reduce((sum, p) => sum + rescale(p, scale), 0n), scale)
}

/** Compares two decimals: negative, zero or positive. */
export function compareDecimals(a: string, b: string): number {
  const pa = parse(a)
  const pb = parse(b)
  const scale = Math.max(pa.scale, pb.scale)
  const diff = rescale(pa, scale) - rescale(pb, scale)
  return diff < 0n ? -1 : diff > 0n ? 1 : 0
}

/** The decimal without trailing zeros after the point ("7.50" → "7.5", "8.0" → "8"). */
export function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value
}

/**
 * satisfied / respondents as a percentage: exact when it has at most `digits` decimals, otherwise
 * rounded half-up to `digits` decimals and marked as not exact (only for display while typing).
 */
export function percentage(satisfied: number, respondents: number, digits = 2): { value: string; exact: boolean } {
  const scale = 10n ** BigInt(digits)
  const numerator = BigInt(satisfied) * 100n * scale
  const denominator = BigInt(respondents)
  const quotient = numerator / denominator
  const remainder = numerator % denominator
  const rounded = remainder * 2n >= denominator ? quotient + 1n : quotient
  return { value: trimDecimal(format(rounded, digits)), exact: remainder === 0n }
}
