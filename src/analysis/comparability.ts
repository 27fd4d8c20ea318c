/**
 * Which earlier period a value should be compared with, and whether two periods can be compared
 * at all for a given kind of value. Pure period arithmetic: no I/O, no dependencies.
 */
import { VALUE_TYPES, ValueType } from './format';
import { PeriodInfo, periodFromMonths, periodsOverlap, shiftPeriod } from './periods';

export interface Comparability {
  comparable: boolean;
  /** Why the periods cannot be compared; null when they can. */
  reason: string | null;
  /** Something a reader should know although the periods can be compared; null when nothing. */
  note: string | null;
}

export interface ComparabilityOptions {
  /**
   * Accept two periods that share some months (e.g. 2013-14 against 12 months to Sep 2014, the
   * way a dashboard sets its latest rolling year beside the last financial year). Default false:
   * values that share months share events, so their difference reflects only the months they do
   * not share and no significance test applies. Periods that are the same, or one inside the other,
   * are never comparable.
   */
  allowOverlap?: boolean;
}

/**
 * The period a value should be compared with to judge its direction of travel: the same months
 * of the year, whole years earlier, so seasonality cancels and the two do not overlap.
 * - FINANCIAL_YEAR: the previous financial year (2013-14 for 2014-15);
 * - QUARTER: the same quarter a year earlier (Q2 2013-14 for Q2 2014-15);
 * - ROLLING_12_MONTHS, CALENDAR_YEAR: the preceding 12 months (12 months to Sep 2013 for 12 months to Sep 2014);
 * - MONTH: the same month a year earlier; YEAR_TO_DATE: the same months a year earlier;
 * - OTHER: the same span a year earlier, or as many whole years earlier as it takes not to overlap
 *   when the span is longer than a year (a 3-year pooled period is compared with the 3 years before).
 */
export function comparableEarlierPeriod(period: PeriodInfo): PeriodInfo {
  checkPeriod(period, 'period');
  const years = Math.max(1, Math.ceil(period.months / 12));
  return shiftPeriod(period, -12 * years);
}

/**
 * Whether values of two periods can be compared.
 * - COUNT, RATE and RATIO are per period (a 3-month count is about a quarter of a 12-month one,
 *   a re-offending rate over 3 months is lower than over 12): the periods must be of equal length.
 * - PERCENTAGE is a share of whatever was counted in the period, so it compares across lengths;
 *   the note says the lengths differ.
 * - Periods that overlap share events, so they are not comparable (unless options.allowOverlap,
 *   for partial overlaps; see ComparabilityOptions). The same period twice is never comparable.
 * The order of a and b does not matter.
 */
export function comparability(
  a: PeriodInfo,
  b: PeriodInfo,
  valueType: ValueType,
  options: ComparabilityOptions = {},
): Comparability {
  checkPeriod(a, 'first period');
  checkPeriod(b, 'second period');
  if (!VALUE_TYPES.includes(valueType)) {
    throw new RangeError(`value type must be one of ${VALUE_TYPES.join(', ')} (got ${String(valueType)})`);
  }
  if (a.startMonth === b.startMonth && a.endMonth === b.endMonth) {
    return { comparable: false, reason: `${a.label} and ${b.label} are the same period: there is nothing to compare`, note: null };
  }

  const reasons: string[] = [];
  const notes: string[] = [];
  const sameLength = a.months === b.months;
  if (!sameLength && valueType !== 'PERCENTAGE') {
    reasons.push(
      `${a.label} (${monthsText(a.months)}) and ${b.label} (${monthsText(b.months)}) differ in length: ` +
        `a count or rate per period cannot be compared across them`,
    );
  }
  if (!sameLength && valueType === 'PERCENTAGE') {
    notes.push(
      `percentages compare across periods of different length; ${a.label} is ${monthsText(a.months)} and ${b.label} is ${b.months}`,
    );
  }
  if (periodsOverlap(a, b)) {
    const shared = periodFromMonths(Math.max(a.startMonth, b.startMonth), Math.min(a.endMonth, b.endMonth));
    const nested = shared.months === Math.min(a.months, b.months);
    const [inner, outer] = a.months <= b.months ? [a, b] : [b, a];
    if (nested) {
      reasons.push(`${inner.label} lies within ${outer.label}: a value cannot be compared with one that includes it`);
    } else if (!options.allowOverlap) {
      reasons.push(
        `${a.label} and ${b.label} overlap (they share ${shared.label}, ${monthsText(shared.months)}): ` +
          `values that share months cannot be compared`,
      );
    } else {
      notes.push(
        `${a.label} and ${b.label} share ${monthsText(shared.months)} (${shared.label}), so the change reflects only ` +
          `the months they do not share, and no significance test is possible`,
      );
    }
  }
  if (reasons.length > 0) return { comparable: false, reason: joinSentences(reasons), note: null };
  return { comparable: true, reason: null, note: notes.length > 0 ? joinSentences(notes) : null };
}

function checkPeriod(period: PeriodInfo, name: string): void {
  if (
    period === null ||
    typeof period !== 'object' ||
    !Number.isInteger(period.startMonth) ||
    !Number.isInteger(period.endMonth) ||
    period.endMonth < period.startMonth ||
    period.months !== period.endMonth - period.startMonth + 1
  ) {
    throw new RangeError(`${name} must be a period made by periodFromMonths or parsePeriod (got ${JSON.stringify(period)})`);
  }
}

function monthsText(months: number): string {
  return months === 1 ? '1 month' : `${months} months`;
}

function joinSentences(parts: string[]): string {
  return parts.join('; ');
}
