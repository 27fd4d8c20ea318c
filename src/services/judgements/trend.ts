/**
 * Recent trend (Fingertips): the five most recent points of a period type up to `to`
 * (src/analysis/trend.ts). On a dashboard row it is anchored at the row's Latest Data period.
 */
import { PeriodInfo, periodFromKey, PeriodType } from '../../analysis/periods';
import { recentTrend } from '../../analysis/trend';
import { Area, Indicator } from '../../entities';
import { DashboardRow } from '../dashboards';
import { periodArgument } from '../errors';
import { factsOf, JudgementScope, pointOf } from './common';
import { TrendResult } from './types';

async function trendUpTo(scope: JudgementScope, indicator: Indicator, area: Area, type: PeriodType | null, to: PeriodInfo | null): Promise<TrendResult> {
  const series = (await scope.values.series(indicator, { area: area.code, type }))
    .filter((o) => o.value !== null && (!to || periodFromKey(o.periodKey).endMonth <= to.endMonth));
  const result = recentTrend(factsOf(indicator), series.map((o) => pointOf(o, area)), type);
  const byKey = new Map(series.map((o) => [o.periodKey, o]));
  return {
    label: result.label,
    direction: result.direction,
    points: result.points.map((p) => byKey.get(p.period.key)!).filter(Boolean),
    chiSquared: result.chiSquared,
    significant: result.significant,
    method: result.method,
    explanation: result.explanation,
  };
}

export async function indicatorTrend(scope: JudgementScope, indicator: Indicator, args: { area?: string | null; type?: PeriodType | null; to?: string | null }): Promise<TrendResult> {
  const area = await scope.values.resolveArea(indicator, args.area);
  const to = args.to ? periodArgument('to', args.to) : null;
  return trendUpTo(scope, indicator, area, args.type ?? null, to);
}

export function rowTrend(scope: JudgementScope, row: DashboardRow, type: PeriodType | null): Promise<TrendResult> {
  return trendUpTo(scope, row.indicator, scope.values.area(row.areaCode), type, row.latestPeriodKey ? periodFromKey(row.latestPeriodKey) : null);
}
