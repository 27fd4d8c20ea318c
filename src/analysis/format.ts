/**
 * Values printed the way a dashboard prints them: fixed decimals, thousands separators,
 * a % sign for percentages. `formatValue(1259, 'COUNT', 0)` is `1,259`; `formatValue(38.9, 'PERCENTAGE', 1)` is `38.9%`.
 */
import type { IndicatorFacts } from './types';
import { enumOf } from './enum';

export const VALUE_TYPES = ['COUNT', 'RATE', 'PERCENTAGE', 'RATIO'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export const ValueType = enumOf(VALUE_TYPES);

/** The most decimals formatNumber prints. */
export const MAX_DECIMALS = 10;

export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format ${value}: not a finite number`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    throw new RangeError(`decimals must be a whole number from 0 to ${MAX_DECIMALS} (got ${decimals})`);
  }
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + grouped + (fraction === undefined ? '' : `.${fraction}`);
}

export function formatValue(value: number | null | undefined, valueType: ValueType, decimals: number): string {
  if (value === null || value === undefined) return '';
  const number = formatNumber(value, decimals);
  return valueType === 'PERCENTAGE' ? `${number}%` : number;
}

/**
 * Whether formatMeasure prints the indicator's unit after the number (a percentage always gets its
 * % sign): 'always'; 'unless-in-name', for sentences that already name the indicator
 * ("Total Crime rate (per 1,000 population) rose from 45.91 …"); 'never', for bare limits and benchmarks.
 */
export type UnitDisplay = 'always' | 'unless-in-name' | 'never';

/**
 * A value of an indicator as explanations print it: the indicator's decimals, thousands separators,
 * a % sign for a percentage (or a unit of "%"), and the unit as `unit` says:
 * `78.20 per 1,000 population`, `1.04 re-offences per young offender`, `38.9%`, `1,259`.
 */
export function formatMeasure(
  indicator: Pick<IndicatorFacts, 'name' | 'valueType' | 'decimals' | 'unit'>,
  value: number,
  unit: UnitDisplay = 'always',
): string {
  const number = formatNumber(value, indicator.decimals);
  const shown = indicator.unit?.trim() ?? '';
  if (indicator.valueType === 'PERCENTAGE' || shown === '%') return `${number}%`;
  if (shown === '' || unit === 'never') return number;
  if (unit === 'unless-in-name' && indicator.name.toLowerCase().includes(shown.toLowerCase())) return number;
  return `${number} ${shown}`;
}

/** A change with its sign: `+1.27`, `-0.40`; no sign when it prints as zero. */
export function formatSigned(value: number, decimals: number): string {
  const text = formatNumber(value, decimals);
  return value > 0 && Number(text.replace(/,/g, '')) !== 0 ? `+${text}` : text;
}

/** A fraction as a percentage with no trailing zeros or floating-point noise: 0.95 → `95%`, 0.998 → `99.8%`, 0.05 → `5%`. */
export function percentText(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(10))}%`;
}

/** Drops floating-point noise (45.91 − 47.18 = −1.2699999999999996) without rounding away real digits. */
export function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Reads a printed value back: `1,259` → 1259, `38.9%` → 38.9 with its decimals.
 * Returns null when the text is not a number as dashboards print them.
 */
export function parsePrintedNumber(text: string): { value: number; decimals: number; percent: boolean } | null {
  const match = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?(%?)$/.exec(text.trim());
  if (!match || (match[2] === undefined && match[3] === undefined)) return null;
  const [, sign, whole = '0', fraction = '', percent] = match;
  const value = Number(`${sign}${whole.replace(/,/g, '')}.${fraction || '0'}`);
  return { value, decimals: fraction.length, percent: percent === '%' };
}
