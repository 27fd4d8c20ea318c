/**
 * Direction of travel: a later value against an earlier one, judged by polarity (src/analysis/direction.ts).
 * From the root: the period asked (default the latest with a value) against the comparable earlier
 * period. On a dashboard row: the Latest Data value against the Previous Year value it shows.
 */
import { comparableEarlierPeriod } from '../../analysis/comparability';
import { directionOfTravel } from '../../analysis/direction';
import { PeriodInfo, periodFromKey } from '../../analysis/periods';
import { Area, Direction, Indicator, Observation } from '../../entities';
import { DashboardRow } from '../dashboards';
import { badArgument, periodArgument } from '../errors';
import { factsOf, JudgementScope, pointOf, usable } from './common';
import { DirectionResult } from './types';

/** Overlapping periods (2013-14 against 12 months to Sep 2014) are compared as dashboards do, with a note and no test. */
const DIRECTION_OPTIONS = { allowOverlap: true } as const;

export function noDirection(explanation: string, from: Observation | null = null, to: Observation | null = null): DirectionResult {
  return {
    direction: Direction.NO_DATA, arrow: '', from, to, change: null, percentChange: null, comparable: false,
    significant: null, pValue: null, method: 'Not compared: a value is missing', explanation,
  };
}

/** Why no direction: which value is missing, and where the earlier period came from. */
type FromReason = 'argument' | 'dashboard' | 'comparable';

async function between(scope: JudgementScope, indicator: Indicator, area: Area, from: PeriodInfo, to: PeriodInfo, reason: FromReason): Promise<DirectionResult> {
  const [fromValue, toValue] = (await Promise.all([
    scope.values.valueAt(indicator, area.code, from.key),
    scope.values.valueAt(indicator, area.code, to.key),
  ])).map(usable);
  if (!fromValue || !toValue) {
    const missing = [!fromValue ? from.label : null, !toValue ? to.label : null].filter(Boolean).join(' or ');
    const where = reason === 'dashboard' ? ' on the dashboard' : reason === 'argument' ? '' : ` (${from.label} is the period comparable with ${to.label})`;
    return noDirection(`No direction of travel: ${indicator.name} has no value for ${area.name} in ${missing}${where}.`, fromValue, toValue);
  }
  const result = directionOfTravel(factsOf(indicator), pointOf(fromValue, area), pointOf(toValue, area), DIRECTION_OPTIONS);
  return { ...result, from: fromValue, to: toValue };
}

/** From the root: `period` (default the latest with a value) against `from` (default the comparable earlier period). */
export async function indicatorDirection(
  scope: JudgementScope,
  indicator: Indicator,
  args: { area?: string | null; period?: string | null; from?: string | null },
): Promise<DirectionResult> {
  const area = await scope.values.resolveArea(indicator, args.area);
  const to = await scope.values.periodOrLatest(indicator, area.code, args.period);
  if (!to) return noDirection(`${indicator.name} has no value for ${area.name}.`);
  const from = args.from ? periodArgument('from', args.from) : comparableEarlierPeriod(to);
  if (from.startMonth > to.startMonth || (from.startMonth === to.startMonth && from.endMonth > to.endMonth)) {
    throw badArgument('from', `${from.label} comes after ${to.label}; from is the earlier period`);
  }
  return between(scope, indicator, area, from, to, args.from ? 'argument' : 'comparable');
}

/** On a dashboard row, for its area (or another): the Latest Data period against the Previous Year period the dashboard shows. */
export async function rowDirection(scope: JudgementScope, row: DashboardRow, areaCode: string): Promise<DirectionResult> {
  const area = scope.values.area(areaCode);
  const to = row.latestPeriodKey ? periodFromKey(row.latestPeriodKey) : await scope.values.latestPeriod(row.indicator, area.code);
  if (!to) return noDirection(`${row.indicator.name} has no value for ${area.name}.`);
  const from = row.previousPeriodKey ? periodFromKey(row.previousPeriodKey) : comparableEarlierPeriod(to);
  return between(scope, row.indicator, area, from, to, row.latestPeriodKey ? 'dashboard' : 'comparable');
}
