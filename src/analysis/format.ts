/**
 * Values printed the way a dashboard prints them: fixed decimals, thousands separators,
 * a % sign for percentages. `formatValue(1259, 'COUNT', 0)` is `1,259`; `formatValue(38.9, 'PERCENTAGE', 1)` is `38.9%`.
 */
export type ValueType = 'COUNT' | 'RATE' | 'PERCENTAGE' | 'RATIO';
export const VALUE_TYPES: readonly ValueType[] = ['COUNT', 'RATE', 'PERCENTAGE', 'RATIO'];

export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format ${value}: not a finite number`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
    throw new RangeError(`decimals must be a whole number from 0 to 10 (got ${decimals})`);
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
