/**
 * The red-red flag of public health profiles: the two questions a board asks, answered together.
 * Is the area significantly worse than its comparator, and is it significantly getting worse?
 *
 * - RED_RED: significantly worse, and a significant worsening recent trend;
 * - WORSE_NOT_WORSENING: significantly worse, the trend not significantly worsening;
 * - WORSENING_NOT_WORSE: significantly worsening, not significantly worse (similar or better);
 * - NONE: neither;
 * - UNKNOWN: the comparison or the trend cannot be made (or the indicator has no better direction),
 *   with the reason; a flag is never guessed from half the evidence.
 */
import { enumOf } from './enum';
import { ComparisonOutcome, Direction } from './types';

export const Flag = enumOf(['RED_RED', 'WORSE_NOT_WORSENING', 'WORSENING_NOT_WORSE', 'NONE', 'UNKNOWN']);
export type Flag = keyof typeof Flag;

/** The comparison as the flag needs it, or why there is none. */
export type FlagComparison =
  | { readonly outcome: ComparisonOutcome; readonly against: string; readonly level: number | null; readonly period: string }
  | { readonly unavailable: string };

/** The recent trend as the flag needs it, or why there is none. */
export type FlagTrend =
  | { readonly direction: Direction; readonly significant: boolean; readonly label: string }
  | { readonly unavailable: string };

export interface FlagResult {
  readonly flag: Flag;
  readonly explanation: string;
}

const trimmed = (text: string): string => text.replace(/^Not compared: /, '').replace(/[.\s]+$/, '');

export function flagOf(indicatorName: string, areaName: string, comparison: FlagComparison, trend: FlagTrend): FlagResult {
  const missing: string[] = [];
  if ('unavailable' in comparison) missing.push(`the comparison cannot be made (${trimmed(comparison.unavailable)})`);
  else if (comparison.outcome === 'NOT_COMPARED') missing.push(`${areaName} could not be compared with ${comparison.against}`);
  else if (comparison.outcome === 'HIGHER' || comparison.outcome === 'LOWER') missing.push(`${indicatorName} has no better direction, so neither higher nor lower is worse`);
  if ('unavailable' in trend) missing.push(`the recent trend cannot be calculated (${trimmed(trend.unavailable)})`);
  else if (trend.direction === 'NO_DATA' || trend.direction === 'NOT_COMPARABLE') missing.push(`the recent trend cannot be calculated (${trimmed(trend.label)})`);
  else if (trend.direction === 'INCREASING' || trend.direction === 'DECREASING') {
    if (!missing.some((m) => m.includes('no better direction'))) missing.push(`${indicatorName} has no better direction, so a rise or a fall is not a worsening`);
  }
  if (missing.length > 0) {
    return { flag: 'UNKNOWN', explanation: `No flag for ${areaName}: ${missing.join('; and ')}.` };
  }
  const c = comparison as Exclude<FlagComparison, { unavailable: string }>;
  const t = trend as Exclude<FlagTrend, { unavailable: string }>;
  const worse = c.outcome === 'WORSE';
  const worsening = t.direction === 'WORSENING' && t.significant;
  const against = worse
    ? `worse than ${c.against}`
    : c.outcome === 'BETTER' ? `better than ${c.against}` : `similar to ${c.against}`;
  const moving = worsening
    ? 'getting worse'
    : t.direction === 'IMPROVING' && t.significant ? 'getting better' : 'not changing beyond what chance would explain';
  const flag: Flag = worse && worsening ? 'RED_RED' : worse ? 'WORSE_NOT_WORSENING' : worsening ? 'WORSENING_NOT_WORSE' : 'NONE';
  const lead = flag === 'RED_RED' ? 'Red-red: ' : '';
  return { flag, explanation: `${lead}${areaName} is ${against} on ${indicatorName} (${c.period}), and ${moving}.` };
}
