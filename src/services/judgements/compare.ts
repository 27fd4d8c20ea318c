/**
 * One area against one other area (overlapping confidence intervals), a named group's average or
 * an ad-hoc list's average (funnel limits, widened as countyComparison's are when the group is
 * overdispersed: AUTO).
 */
import { compareAreas, compareWithBenchmark, groupComparison } from '../../analysis/comparison';
import { PeriodInfo } from '../../analysis/periods';
import { Area, AreaGroup, Indicator } from '../../entities';
import { badArgument } from '../errors';
import { memberDuring } from '../groups';
import { factsOf, JudgementScope } from './common';
import { comparisonResult, countReason, pointsFor } from './comparisons';
import { BenchmarkResult, ComparisonResult } from './types';

/** Exactly one of the three. */
export interface Comparator {
  area?: string | null;
  group?: string | null;
  areas?: readonly string[] | null;
}

/** The period argument, else the latest with a value for the area; an error when there is none to default to. */
export async function requirePeriod(scope: JudgementScope, indicator: Indicator, area: Area, period: string | null | undefined): Promise<PeriodInfo> {
  const info = await scope.values.periodOrLatest(indicator, area.code, period);
  if (!info) throw badArgument('period', `${indicator.name} has no value for ${area.name}, so there is no latest period to default to; name one`);
  return info;
}

export async function compare(
  scope: JudgementScope,
  indicator: Indicator,
  args: { area?: string | null; period?: string | null; against: Comparator },
): Promise<ComparisonResult> {
  const given = (['area', 'group', 'areas'] as const).filter((k) => args.against[k] !== undefined && args.against[k] !== null);
  if (given.length !== 1) throw badArgument('against', `give exactly one of area, group or areas (got ${given.length === 0 ? 'none' : given.join(' and ')})`);
  const subject = await scope.values.resolveArea(indicator, args.area);
  const period = await requirePeriod(scope, indicator, subject, args.period);
  const facts = factsOf(indicator);
  if (given[0] === 'area') {
    const other = scope.values.area(args.against.area!, 'against.area');
    const compared = await pointsFor(scope, indicator, [subject, other], period);
    const bench = compared.points[1];
    const benchmark: BenchmarkResult = {
      label: other.name, area: other, group: null, value: bench.value, lowerLimit: bench.lowerCI95 ?? null, upperLimit: bench.upperCI95 ?? null,
    };
    const refused = other.code !== subject.code ? countReason(indicator) : null;
    if (refused) {
      return comparisonResult({ ...compareWithBenchmark(facts, compared.points[0], { label: other.name, value: null }), explanation: `Not compared: ${refused}.`, method: `not compared: ${refused}` }, compared, benchmark);
    }
    const result = compareWithBenchmark(facts, compared.points[0], { label: other.name, value: bench.value, areaCode: other.code, lowerLimit: bench.lowerCI95, upperLimit: bench.upperCI95 });
    return comparisonResult(result, compared, benchmark);
  }
  let comparators: Area[];
  let label: string;
  let group: AreaGroup | null = null;
  if (given[0] === 'group') {
    group = scope.reference.group(args.against.group!);
    if (!group) throw badArgument('against.group', `no area group has the id "${args.against.group}"; see areaGroups`);
    comparators = scope.reference.members(group.id).filter((m) => memberDuring(m, period)).map((m) => m.area!);
    if (comparators.length === 0) throw badArgument('against.group', `${group.name} has no members for the whole of ${period.label}`);
    // A member that contains the subject (Leicestershire, for Charnwood) would count its events twice: leave it out.
    const { geography } = scope.reference;
    const subjectParts = new Set(geography.localAuthorities(subject.code));
    const containing = comparators.filter((member) => member.code !== subject.code && geography.localAuthorities(member.code).some((la) => subjectParts.has(la)));
    comparators = comparators.filter((member) => !containing.includes(member));
    label = `${group.name} average${containing.length > 0 ? ` (without ${containing.map((m) => m.name).join(', ')}, which overlaps ${subject.name})` : ''}`;
  } else {
    const listed = args.against.areas!;
    if (listed.length === 0) throw badArgument('against.areas', 'list at least one area to compare with');
    // Checked where they stand in the list, then each area once.
    comparators = [...new Map(listed.map((code, i) => scope.values.area(code, `against.areas[${i}]`)).map((area) => [area.code, area])).values()];
    label = 'average of the areas';
  }
  // The subject is part of the group it is compared with, as on a funnel plot; the others must give an average.
  const areas = [subject, ...comparators.filter((a) => a.code !== subject.code)];
  if (areas.length === 1) throw badArgument(given[0] === 'group' ? 'against.group' : 'against.areas', `the only area to compare ${subject.name} with is ${subject.name} itself`);
  const compared = await pointsFor(scope, indicator, areas, period);
  const benchmark: BenchmarkResult = { label, area: null, group, value: null, lowerLimit: null, upperLimit: null };
  const refused = countReason(indicator);
  if (refused) return comparisonResult({ ...compareWithBenchmark(facts, compared.points[0], { label, value: null }), explanation: `Not compared: ${refused}.`, method: `not compared: ${refused}` }, compared, benchmark);
  if (compared.points.slice(1).every((p) => p.value === null)) {
    const result = compareWithBenchmark(facts, compared.points[0], { label, value: null });
    const why = `none of the ${areas.length - 1} other area${areas.length === 2 ? '' : 's'} has a value for ${period.label}, so there is no average to compare ${subject.name} with`;
    return comparisonResult({ ...result, explanation: `Not compared: ${why}.`, method: `not compared: ${why}` }, compared, benchmark);
  }
  const options = { label, overdispersion: 'AUTO' } as const;
  const result = given[0] === 'group' ? groupComparison(facts, compared.points, subject.code, options) : compareAreas(facts, compared.points[0], compared.points, options);
  return comparisonResult(result.subject!, compared, { ...benchmark, value: result.benchmark.value });
}
