/**
 * What the comparisons share: the points of a set of areas for a period, the refusal to compare
 * counts of areas of different sizes, and turning the pure results (src/analysis/comparison.ts)
 * into domain results that carry their areas and observations.
 */
import {
  compareWithBenchmark, Comparison as PureComparison, FUNNEL_CURVE_POINTS, funnelCurve, FunnelPoint, GroupComparison as PureGroupComparison,
} from '../../analysis/comparison';
import { PeriodInfo } from '../../analysis/periods';
import { IndicatorFacts, ValuePoint } from '../../analysis/types';
import { Area, Indicator, Observation, ValueType } from '../../entities';
import { badArgument } from '../errors';
import { emptyPoint, JudgementScope, pointOf } from './common';
import { BenchmarkResult, ComparisonResult, GroupComparisonResult } from './types';

/** Counts of areas of different sizes say nothing about which is better: comparisons need a rate or percentage. */
export function countReason(indicator: Indicator): string | null {
  return indicator.valueType === ValueType.COUNT
    ? `${indicator.name} is a count, and counts of areas of different sizes are not compared; compare the rate instead${indicator.id.endsWith('/count') ? ` (${indicator.id.replace(/\/count$/, '/rate')})` : ''}`
    : null;
}

/** The areas' values for a period as points, with the observations and areas to put back in the results. */
export interface ComparedPoints {
  points: ValuePoint[];
  observations: Map<string, Observation>;
  areas: Map<string, Area>;
}

export async function pointsFor(scope: JudgementScope, indicator: Indicator, areas: Area[], period: PeriodInfo): Promise<ComparedPoints> {
  const values = await Promise.all(areas.map((area) => scope.values.valueAt(indicator, area.code, period.key)));
  const observations = new Map<string, Observation>();
  const points = areas.map((area, i) => {
    const value = values[i];
    if (value) observations.set(area.code, value);
    return value && value.value !== null ? pointOf(value, area) : emptyPoint(area, period);
  });
  return { points, observations, areas: new Map(areas.map((a) => [a.code, a])) };
}

/** Every member NOT_COMPARED, unranked, with the reason: when no comparison is meaningful or possible. */
export function notComparedGroup(facts: IndicatorFacts, points: ValuePoint[], period: PeriodInfo, subjectCode: string | null, label: string, reason: string): PureGroupComparison {
  const members = points.map((point) => ({ ...compareWithBenchmark(facts, point, { label, value: null }), explanation: `Not compared: ${reason}.`, method: `not compared: ${reason}` }));
  return {
    period,
    benchmark: { label, value: null, lowerLimit: null, upperLimit: null, areaCode: null },
    members,
    subject: members.find((m) => m.areaCode === subjectCode) ?? null,
    funnel: null,
    overdispersion: null,
    method: `not compared: ${reason}`,
    explanation: `Not compared: ${reason}.`,
  };
}

export function comparisonResult(result: PureComparison, compared: ComparedPoints, benchmark: BenchmarkResult): ComparisonResult {
  return {
    area: compared.areas.get(result.areaCode)!,
    period: result.period,
    value: compared.observations.get(result.areaCode) ?? null,
    benchmark: result.funnel || result.benchmark.lowerLimit !== null
      ? { ...benchmark, lowerLimit: result.benchmark.lowerLimit, upperLimit: result.benchmark.upperLimit }
      : benchmark,
    outcome: result.outcome,
    method: result.method,
    level: result.level,
    difference: result.difference,
    percentDifference: result.percentDifference,
    rank: result.rank,
    groupSize: result.groupSize,
    quartile: result.quartile,
    explanation: result.explanation,
  };
}

export function groupResult(result: PureGroupComparison, compared: ComparedPoints, benchmark: BenchmarkResult): GroupComparisonResult {
  const members = result.members.map((member) => comparisonResult(member, compared, benchmark));
  return {
    period: result.period,
    benchmark: { ...benchmark, value: result.benchmark.value, lowerLimit: result.benchmark.lowerLimit, upperLimit: result.benchmark.upperLimit },
    members,
    subject: result.subject ? members.find((m) => m.area.code === result.subject!.areaCode) ?? null : null,
    funnel: result.funnel,
    overdispersion: result.overdispersion,
    method: result.method,
    explanation: result.explanation,
  };
}

/**
 * A group comparison's funnel plot control limits at `points` denominators (funnelCurve), widened as
 * its members' were; null when its members were not compared by funnel limits, or for a count.
 * `points` outside 2..500 is a bad argument.
 */
export function funnelCurveOf(result: GroupComparisonResult, points: number): FunnelPoint[] | null {
  const { min, max } = FUNNEL_CURVE_POINTS;
  if (!Number.isInteger(points) || points < min || points > max) {
    throw badArgument('points', `must be a whole number from ${min} to ${max} (got ${points})`);
  }
  const funnel = result.funnel;
  return funnel && funnelCurve(funnel.indicator, funnel.average, funnel.denominators, points, funnel.overdispersion);
}
