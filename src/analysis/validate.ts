/**
 * The checks every analysis makes of its inputs — an indicator's facts and its value points —
 * before it computes anything. One set of checks for direction of travel and RAG ratings
 * (direction.ts, rag.ts) and for benchmark, group and trend comparisons (comparison.ts, trend.ts).
 *
 * Each failure is a RangeError in one style: what it is about (the indicator, then the area and
 * period where known), then the field, what it must be, and what was given:
 * `Total crime rate, Charnwood 2021-22: numerator must be less than or equal to denominator for a
 * percentage (got numerator 12, denominator 10)`.
 *
 * Pure functions: no I/O, no dependencies.
 */
import { VALUE_TYPES } from './format';
import { IndicatorFacts, Polarity, ValuePoint } from './types';

export const POLARITIES: readonly Polarity[] = ['HIGH_IS_GOOD', 'LOW_IS_GOOD', 'NO_JUDGEMENT'];

/** The indicator's name as errors print it. */
function indicatorLabel(indicator: IndicatorFacts): string {
  const name = indicator.name;
  return typeof name === 'string' && name.trim() !== '' ? name : 'unnamed indicator';
}

/** `Total crime rate, Charnwood 2021-22`: the indicator, then the area and period as far as they are known. */
function pointLabel(indicator: IndicatorFacts, point: ValuePoint): string {
  const area = typeof point.areaName === 'string' ? point.areaName.trim() : '';
  const label: unknown = point.period !== null && typeof point.period === 'object' ? point.period.label : undefined;
  const period = typeof label === 'string' ? label.trim() : '';
  const where = [area, period].filter((part) => part !== '').join(' ');
  return where === '' ? indicatorLabel(indicator) : `${indicatorLabel(indicator)}, ${where}`;
}

/**
 * Throws a RangeError naming the indicator when its facts cannot be used: a known value type and
 * polarity, decimals a whole number from 0 to 10, a finite multiplier greater than zero.
 */
export function checkIndicator(indicator: IndicatorFacts): void {
  if (indicator === null || typeof indicator !== 'object') {
    throw new RangeError(`an indicator is required (got ${String(indicator)})`);
  }
  const fail = (problem: string): never => {
    throw new RangeError(`${indicatorLabel(indicator)}: ${problem}`);
  };
  const { valueType, polarity, decimals, multiplier } = indicator;
  if (!VALUE_TYPES.includes(valueType)) {
    fail(`value type must be one of ${VALUE_TYPES.join(', ')} (got ${String(valueType)})`);
  }
  if (!POLARITIES.includes(polarity)) {
    fail(`polarity must be one of ${POLARITIES.join(', ')} (got ${String(polarity)})`);
  }
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
    fail(`decimals must be a whole number from 0 to 10 (got ${String(decimals)})`);
  }
  if (typeof multiplier !== 'number' || !Number.isFinite(multiplier) || multiplier <= 0) {
    fail(`multiplier must be a finite number greater than zero, e.g. 1000 for a rate per 1,000 (got ${String(multiplier)})`);
  }
}

/**
 * Throws a RangeError naming the indicator, area and period when a point's numbers cannot be used:
 * - a period with a label;
 * - value, numerator and denominator each a finite number or null;
 * - a count's or a rate's value zero or more; a numerator zero or more; a denominator greater than zero;
 * - for a percentage, the numerator at most the denominator;
 * - published 95% and 99.8% limits, where given, finite numbers with the lower at most the upper.
 * Expects an indicator that passed checkIndicator.
 */
export function checkPoint(indicator: IndicatorFacts, point: ValuePoint): void {
  if (point === null || typeof point !== 'object') {
    throw new RangeError(`${indicatorLabel(indicator)}: a value point is required (got ${String(point)})`);
  }
  const fail = (problem: string): never => {
    throw new RangeError(`${pointLabel(indicator, point)}: ${problem}`);
  };
  const { period, value, numerator, denominator } = point;
  if (period === null || typeof period !== 'object' || typeof period.label !== 'string') {
    fail(`period must be a period with a label, e.g. from parsePeriod (got ${String(period)})`);
  }
  for (const [name, number] of [['value', value], ['numerator', numerator], ['denominator', denominator]] as const) {
    if (number !== null && (typeof number !== 'number' || !Number.isFinite(number))) {
      fail(`${name} must be a finite number or null (got ${String(number)})`);
    }
  }
  if (value !== null && value < 0 && (indicator.valueType === 'COUNT' || indicator.valueType === 'RATE')) {
    fail(`value must be zero or more for a ${indicator.valueType === 'COUNT' ? 'count' : 'rate'} (got ${value})`);
  }
  if (numerator !== null && numerator < 0) {
    fail(`numerator must be zero or more (got ${numerator})`);
  }
  if (denominator !== null && denominator <= 0) {
    fail(`denominator must be greater than zero (got ${denominator})`);
  }
  if (indicator.valueType === 'PERCENTAGE' && numerator !== null && denominator !== null && numerator > denominator) {
    fail(
      `numerator must be less than or equal to denominator for a percentage (got numerator ${numerator}, denominator ${denominator})`,
    );
  }
  for (const [level, lower, upper] of [
    ['95%', point.lowerCI95, point.upperCI95],
    ['99.8%', point.lowerCI998, point.upperCI998],
  ] as const) {
    for (const [name, limit] of [[`lower ${level} limit`, lower], [`upper ${level} limit`, upper]] as const) {
      if (limit !== null && limit !== undefined && (typeof limit !== 'number' || !Number.isFinite(limit))) {
        fail(`${name} must be a finite number or null (got ${String(limit)})`);
      }
    }
    if (lower !== null && lower !== undefined && upper !== null && upper !== undefined && lower > upper) {
      fail(`lower ${level} limit must be less than or equal to upper ${level} limit (got lower ${lower}, upper ${upper})`);
    }
  }
}
