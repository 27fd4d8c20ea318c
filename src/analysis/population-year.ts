/**
 * Which mid-year population estimate is the denominator of a rate for a period.
 *
 * Rule: the estimate for the year in which the period's middle falls (the middle of April
 * 2021–March 2022 is October 2021, so mid-2021; a month or quarter uses its own year). Where that
 * year's estimate is not loaded, the nearest year that is; between two equally near years, the
 * earlier, which is the estimate that was available when the period was reported. Nothing else:
 * no interpolation, no projection.
 */
import { PeriodInfo } from './periods';

export function populationYearFor(period: PeriodInfo): number {
  // The middle of the span in months; month indexes count from January of year 0.
  const middle = (period.startMonth + period.endMonth + 1) / 2;
  return Math.floor(middle / 12);
}

export interface PopulationYearChoice {
  /** The year whose estimate is used, or null when no year is available. */
  readonly year: number | null;
  /** The year the rule asks for. */
  readonly wanted: number;
  /** Why another year is used, for the value's note. */
  readonly note: string | null;
}

export function choosePopulationYear(period: PeriodInfo, available: readonly number[]): PopulationYearChoice {
  const wanted = populationYearFor(period);
  if (available.includes(wanted)) return { year: wanted, wanted, note: null };
  if (available.length === 0) return { year: null, wanted, note: `no population estimate is loaded for any year (wanted mid-${wanted})` };
  const nearest = [...available].sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted) || a - b)[0];
  return { year: nearest, wanted, note: `the mid-${wanted} population estimate is not loaded; the nearest, mid-${nearest}, is used` };
}
