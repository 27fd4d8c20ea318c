/**
 * Flags (src/analysis/flag.ts): the area against its comparator, together with its own recent
 * trend. The comparator defaults as a dashboard compares its area: a district against its county
 * (overlapping confidence intervals), any other area against its comparator group (funnel limits);
 * from the root, `against` names another. A comparison or trend that cannot be made is a reason
 * for UNKNOWN, never an error of the flag.
 */
import { Flag, flagOf, FlagComparison, FlagTrend } from '../../analysis/flag';
import { Area, Indicator } from '../../entities';
import { BadArgument } from '../errors';
import { Comparator } from './compare';
import { ComparisonResult, TrendResult } from './types';

export interface FlagAssessmentResult {
  flag: Flag;
  comparison: ComparisonResult | null;
  trend: TrendResult | null;
  explanation: string;
}

/** The comparator of an area when none is named: a district's county; null for the area's comparator group. */
export function defaultComparator(area: Area, countyOf: (code: string) => Area | null): Comparator | null {
  if (area.type !== 'DISTRICT') return null;
  const county = countyOf(area.code);
  return county ? { area: county.code } : null;
}

/** A judgement that failed for want of data or arguments: its message is the reason. */
async function attempt<T>(work: () => Promise<T | null>): Promise<{ value: T | null; reason: string | null }> {
  try {
    return { value: await work(), reason: null };
  } catch (error) {
    if (error instanceof BadArgument) return { value: null, reason: error.message.replace(/^Argument "[^"]+": /, '') };
    throw error;
  }
}

export async function assessFlag(
  indicator: Indicator,
  area: Area,
  comparison: () => Promise<ComparisonResult | null>,
  trend: () => Promise<TrendResult>,
): Promise<FlagAssessmentResult> {
  const [compared, trended] = await Promise.all([attempt(comparison), attempt(trend)]);
  const c = compared.value;
  const t = trended.value;
  const flagComparison: FlagComparison = c
    ? c.outcome === 'NOT_COMPARED' ? { unavailable: c.explanation } : { outcome: c.outcome, against: c.benchmark.label, level: c.level, period: c.period.label }
    : { unavailable: compared.reason ?? `${area.name} is not a member of the group it was compared with` };
  const flagTrend: FlagTrend = t ? { direction: t.direction, significant: t.significant, label: t.label } : { unavailable: trended.reason ?? 'no trend' };
  const result = flagOf(indicator.name, area.name, flagComparison, flagTrend);
  return { ...result, comparison: c, trend: t };
}
