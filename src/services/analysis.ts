/**
 * The computed judgements of contract part 2, from stored or derived values: this module finds
 * the values (through the request's loaders, so everything is batched) and hands plain numbers to
 * the pure functions in src/analysis, then dresses their results as GraphQL views.
 */
import { comparableEarlierPeriod } from '../analysis/comparability';
import {
  compareAreas, compareWithBenchmark, Comparison as ComparisonResult, districtComparison, groupComparison,
  GroupComparison as GroupComparisonResult,
} from '../analysis/comparison';
import { directionOfTravel } from '../analysis/direction';
import { periodFromKey, periodFromMonths, PeriodInfo, PeriodType } from '../analysis/periods';
import { isDerived } from './derived-values';
import { ragRating, RagRule, rollUpOutcome, OutcomeItem } from '../analysis/rag';
import { recentTrend } from '../analysis/trend';
import { IndicatorFacts, ValuePoint } from '../analysis/types';
import { Area, AreaGroup, Direction, Indicator, Observation, Outcome, Period, Rag, RagRuleRow, ValueType } from '../entities';
import { Loaders } from '../loaders';
import {
  Benchmark, Comparison, ComparatorInput, ComparisonOutcome, DirectionOfTravel, GroupComparison, RagRating, RecentTrend,
} from '../resolvers/analysis.types';
import { badInput, periodArgument } from '../resolvers/errors';
import { memberDuring } from './groups';
import { findSeries, findValue, inDashboardContext, IndicatorInContext, resolveArea, valueAt } from './indicator-values';

/** Overlapping periods (2013-14 against 12 months to Sep 2014) are compared as dashboards do, with a note and no test. */
const DIRECTION_OPTIONS = { allowOverlap: true } as const;

export function factsOf(indicator: Indicator): IndicatorFacts {
  return {
    name: indicator.name,
    valueType: indicator.valueType,
    polarity: indicator.polarity,
    decimals: indicator.decimals,
    unit: indicator.unit,
    multiplier: indicator.multiplier ?? (indicator.valueType === ValueType.PERCENTAGE ? 100 : 1),
  };
}

function pointOf(observation: Observation, area: Area): ValuePoint {
  return {
    areaName: area.name,
    areaCode: area.code,
    period: periodFromKey(observation.periodKey),
    value: observation.value,
    numerator: observation.numerator,
    denominator: observation.denominator,
    lowerCI95: observation.lowerCI95,
    upperCI95: observation.upperCI95,
    lowerCI998: observation.lowerCI998,
    upperCI998: observation.upperCI998,
  };
}

/** A point for an area with no value: comparisons list it as NOT_COMPARED rather than dropping it. */
function emptyPoint(area: Area, period: PeriodInfo): ValuePoint {
  return { areaName: area.name, areaCode: area.code, period, value: null, numerator: null, denominator: null };
}

async function areaOf(code: string, loaders: Loaders): Promise<Area> {
  const area = (await loaders.geography()).get(code);
  if (!area) throw badInput('area', `no area has the code "${code}"`);
  return area;
}

/** The period a judgement is about: the argument, else the dashboard's latest period, else the latest with a value. */
async function periodFor(indicator: IndicatorInContext, areaCode: string, period: string | null | undefined, loaders: Loaders): Promise<PeriodInfo | null> {
  if (period) return periodArgument('period', period);
  if (indicator.contextLatestPeriodKey) return periodFromKey(indicator.contextLatestPeriodKey);
  const latest = await findValue(indicator, areaCode, null, loaders);
  return latest ? periodFromKey(latest.periodKey) : null;
}

function usable(observation: Observation | null): Observation | null {
  return observation && observation.value !== null ? observation : null;
}

// ---------------------------------------------------------------------------------------------
// Direction of travel
// ---------------------------------------------------------------------------------------------

export async function directionFor(
  indicator: IndicatorInContext,
  args: { area?: string | null; period?: string | null; from?: string | null },
  loaders: Loaders,
): Promise<DirectionOfTravel> {
  const areaCode = await resolveArea(indicator, args.area, loaders);
  const area = await areaOf(areaCode, loaders);
  // Through a dashboard, its Previous Year and Latest Data periods apply to whichever area is asked about.
  const onDashboard = !args.period && !args.from && Boolean(indicator.contextLatestPeriodKey);
  const to = onDashboard ? periodFromKey(indicator.contextLatestPeriodKey!) : await periodFor(indicator, areaCode, args.period, loaders);
  if (!to) return noData(indicator, `${indicator.name} has no value for ${area.name}.`);
  const from = args.from
    ? periodArgument('from', args.from)
    : onDashboard && indicator.contextPreviousPeriodKey ? periodFromKey(indicator.contextPreviousPeriodKey) : comparableEarlierPeriod(to);
  if (from.startMonth > to.startMonth || (from.startMonth === to.startMonth && from.endMonth > to.endMonth)) {
    throw badInput('from', `${from.label} comes after ${to.label}; from is the earlier period`);
  }
  const [fromValue, toValue] = (await Promise.all([valueAt(indicator, areaCode, from.key, loaders), valueAt(indicator, areaCode, to.key, loaders)])).map(usable);
  if (!fromValue || !toValue) {
    const missing = [!fromValue ? from.label : null, !toValue ? to.label : null].filter(Boolean).join(' or ');
    return noData(indicator, `No direction of travel: ${indicator.name} has no value for ${area.name} in ${missing}${onDashboard ? ' on the dashboard' : args.from ? '' : ` (${from.label} is the period comparable with ${to.label})`}.`, fromValue, toValue);
  }
  const result = directionOfTravel(factsOf(indicator), pointOf(fromValue, area), pointOf(toValue, area), DIRECTION_OPTIONS);
  return Object.assign(new DirectionOfTravel(), {
    direction: result.direction as Direction,
    arrow: result.arrow,
    from: fromValue,
    to: toValue,
    change: result.change,
    percentChange: result.percentChange,
    comparable: result.comparable,
    significant: result.significant,
    pValue: result.pValue,
    method: result.method,
    explanation: result.explanation,
  });
}

function noData(_indicator: Indicator, explanation: string, from: Observation | null = null, to: Observation | null = null): DirectionOfTravel {
  return Object.assign(new DirectionOfTravel(), {
    direction: Direction.NO_DATA, arrow: '', from, to, change: null, percentChange: null, comparable: false,
    significant: null, pValue: null, method: 'Not compared: a value is missing', explanation,
  });
}

// ---------------------------------------------------------------------------------------------
// Recent trend
// ---------------------------------------------------------------------------------------------

export async function trendFor(indicator: IndicatorInContext, args: { area?: string | null; type?: PeriodType | null }, loaders: Loaders): Promise<RecentTrend> {
  const areaCode = await resolveArea(indicator, args.area, loaders);
  const area = await areaOf(areaCode, loaders);
  const series = (await findSeries(indicator, { area: areaCode, type: args.type ?? null }, loaders)).filter((o) => o.value !== null);
  const result = recentTrend(factsOf(indicator), series.map((o) => pointOf(o, area)), args.type ?? null);
  const byKey = new Map(series.map((o) => [o.periodKey, o]));
  return Object.assign(new RecentTrend(), {
    label: result.label,
    direction: result.direction as Direction,
    points: result.points.map((p) => byKey.get(p.period.key)!).filter(Boolean),
    chiSquared: result.chiSquared,
    significant: result.significant,
    method: result.method,
    explanation: result.explanation,
  });
}

// ---------------------------------------------------------------------------------------------
// RAG
// ---------------------------------------------------------------------------------------------

function ruleOf(rows: RagRuleRow[], areaCode: string): { rule: RagRule; row: RagRuleRow } | null {
  const row = rows.find((r) => r.scope === areaCode) ?? rows.find((r) => r.scope === '*');
  if (!row) return null;
  const target = row.targetValue !== null ? { value: row.targetValue } : { min: row.targetMin ?? undefined, max: row.targetMax ?? undefined };
  return { rule: { target, tolerance: row.tolerance ?? undefined }, row };
}

export async function ragFor(indicator: IndicatorInContext, args: { area?: string | null; period?: string | null }, loaders: Loaders): Promise<RagRating> {
  const areaCode = await resolveArea(indicator, args.area, loaders);
  const area = await areaOf(areaCode, loaders);
  const rule = ruleOf(await loaders.ragRules.load(indicator.id), areaCode);
  const period = await periodFor(indicator, areaCode, args.period, loaders);
  const value = period ? usable(await valueAt(indicator, areaCode, period.key, loaders)) : null;
  const direction = rule ? undefined : await directionFor(indicator, { area: areaCode, period: args.period }, loaders);
  const result = ragRating(factsOf(indicator), value ? pointOf(value, area) : null, rule?.rule ?? null, direction ? analysisDirection(direction) : undefined);
  return Object.assign(new RagRating(), {
    status: result.status as Rag,
    rule: rule?.row.note ? `${result.rule} (${rule.row.note})` : result.rule,
    target: result.target,
    explanation: result.explanation,
  });
}

/** The GraphQL view back into the pure result shape, for functions that take one. */
function analysisDirection(view: DirectionOfTravel) {
  return {
    direction: view.direction, arrow: view.arrow, change: view.change, percentChange: view.percentChange, comparable: view.comparable,
    significant: view.significant, pValue: view.pValue, method: view.method, explanation: view.explanation,
  };
}

// ---------------------------------------------------------------------------------------------
// Comparisons
// ---------------------------------------------------------------------------------------------

/** Counts of areas of different sizes say nothing about which is better: comparisons need a rate or percentage. */
function countReason(indicator: Indicator): string | null {
  return indicator.valueType === ValueType.COUNT
    ? `${indicator.name} is a count, and counts of areas of different sizes are not compared; compare the rate instead${indicator.id.endsWith('/count') ? ` (${indicator.id.replace(/\/count$/, '/rate')})` : ''}`
    : null;
}

/** Every member NOT_COMPARED, unranked, with the reason: when no comparison is meaningful or possible. */
function notComparedGroup(facts: IndicatorFacts, points: ValuePoint[], period: PeriodInfo, subjectCode: string | null, label: string, reason: string): GroupComparisonResult {
  const members = points.map((point) => ({ ...compareWithBenchmark(facts, point, { label, value: null }), explanation: `Not compared: ${reason}.`, method: 'not compared' }));
  return {
    period,
    benchmark: { label, value: null, lowerLimit: null, upperLimit: null, areaCode: null },
    members,
    subject: members.find((m) => m.areaCode === subjectCode) ?? null,
    method: 'not compared',
    explanation: `Not compared: ${reason}.`,
  };
}

interface ComparisonContext {
  observations: Map<string, Observation>;
  areas: Map<string, Area>;
}

async function pointsFor(indicator: Indicator, areas: Area[], period: PeriodInfo, loaders: Loaders): Promise<{ points: ValuePoint[]; context: ComparisonContext }> {
  const values = await Promise.all(areas.map((area) => valueAt(indicator, area.code, period.key, loaders)));
  const observations = new Map<string, Observation>();
  const points = areas.map((area, i) => {
    const value = values[i];
    if (value) observations.set(area.code, value);
    return value && value.value !== null ? pointOf(value, area) : emptyPoint(area, period);
  });
  return { points, context: { observations, areas: new Map(areas.map((a) => [a.code, a])) } };
}

function comparisonView(result: ComparisonResult, context: ComparisonContext, benchmark: Benchmark): Comparison {
  return Object.assign(new Comparison(), {
    area: context.areas.get(result.areaCode)!,
    period: Period.fromInfo(result.period),
    value: context.observations.get(result.areaCode) ?? null,
    benchmark: result.funnel || result.benchmark.lowerLimit !== null
      ? Object.assign(new Benchmark(), { ...benchmark, lowerLimit: result.benchmark.lowerLimit, upperLimit: result.benchmark.upperLimit })
      : benchmark,
    outcome: result.outcome as ComparisonOutcome,
    method: result.method,
    level: result.level,
    difference: result.difference,
    percentDifference: result.percentDifference,
    rank: result.rank,
    groupSize: result.groupSize,
    quartile: result.quartile,
    explanation: result.explanation,
  });
}

function groupView(result: GroupComparisonResult, context: ComparisonContext, benchmark: Benchmark): GroupComparison {
  const members = result.members.map((member) => comparisonView(member, context, benchmark));
  return Object.assign(new GroupComparison(), {
    period: Period.fromInfo(result.period),
    benchmark: Object.assign(new Benchmark(), { ...benchmark, value: result.benchmark.value, lowerLimit: result.benchmark.lowerLimit, upperLimit: result.benchmark.upperLimit }),
    members,
    subject: result.subject ? members.find((m) => m.area.code === result.subject!.areaCode) ?? null : null,
    method: result.method,
    explanation: result.explanation,
  });
}

async function requirePeriod(indicator: IndicatorInContext, area: Area, period: string | null | undefined, loaders: Loaders): Promise<PeriodInfo> {
  const info = await periodFor(indicator, area.code, period, loaders);
  if (!info) throw badInput('period', `${indicator.name} has no value for ${area.name}, so there is no latest period to default to; name one`);
  return info;
}

export async function compareFor(
  indicator: IndicatorInContext,
  args: { area?: string | null; period?: string | null; against: ComparatorInput },
  loaders: Loaders,
): Promise<Comparison> {
  const given = (['area', 'group', 'areas'] as const).filter((k) => args.against[k] !== undefined && args.against[k] !== null);
  if (given.length !== 1) throw badInput('against', `give exactly one of area, group or areas (got ${given.length === 0 ? 'none' : given.join(' and ')})`);
  const subject = await areaOf(await resolveArea(indicator, args.area, loaders), loaders);
  const period = await requirePeriod(indicator, subject, args.period, loaders);
  const facts = factsOf(indicator);
  if (args.against.area) {
    const other = await areaOf(args.against.area, loaders);
    const { points, context } = await pointsFor(indicator, [subject, other], period, loaders);
    const bench = points[1];
    const refusedCount = other.code !== subject.code ? countReason(indicator) : null;
    const benchmark = Object.assign(new Benchmark(), {
      label: other.name, area: other, group: null, value: bench.value, lowerLimit: bench.lowerCI95 ?? null, upperLimit: bench.upperCI95 ?? null,
    });
    if (refusedCount) return comparisonView({ ...compareWithBenchmark(facts, points[0], { label: other.name, value: null }), explanation: `Not compared: ${refusedCount}.` }, context, benchmark);
    const result = compareWithBenchmark(facts, points[0], { label: other.name, value: bench.value, areaCode: other.code, lowerLimit: bench.lowerCI95, upperLimit: bench.upperCI95 });
    return comparisonView(result, context, benchmark);
  }
  let comparators: Area[];
  let label: string;
  let group: AreaGroup | null = null;
  if (args.against.group) {
    group = await loaders.group.load(args.against.group);
    if (!group) throw badInput('against.group', `no area group has the id "${args.against.group}"; see areaGroups`);
    comparators = (await loaders.groupMembers.load(group.id)).filter((m) => memberDuring(m, period)).map((m) => m.area!);
    if (comparators.length === 0) throw badInput('against.group', `${group.name} has no members for the whole of ${period.label}`);
    // A member that contains the subject (Leicestershire, for Charnwood) would count its events twice: leave it out.
    const geography = await loaders.geography();
    const containing = comparators.filter((member) => member.code !== subject.code && geography.localAuthorities(member.code).some((la) => geography.localAuthorities(subject.code).includes(la)));
    comparators = comparators.filter((member) => !containing.includes(member));
    label = `${group.name} average${containing.length > 0 ? ` (without ${containing.map((m) => m.name).join(', ')}, which overlaps ${subject.name})` : ''}`;
  } else {
    const codes = [...new Set(args.against.areas!)];
    if (codes.length === 0) throw badInput('against.areas', 'list at least one area to compare with');
    comparators = await Promise.all(codes.map((code) => areaOf(code, loaders)));
    label = 'average of the areas';
  }
  // The subject is part of the group it is compared with, as on a funnel plot; the others must give an average.
  const areas = [subject, ...comparators.filter((a) => a.code !== subject.code)];
  if (areas.length === 1) throw badInput(args.against.group ? 'against.group' : 'against.areas', `the only area to compare ${subject.name} with is ${subject.name} itself`);
  const { points, context } = await pointsFor(indicator, areas, period, loaders);
  const benchmark = Object.assign(new Benchmark(), { label, area: null, group, value: null, lowerLimit: null, upperLimit: null });
  const refused = countReason(indicator);
  if (refused) return comparisonView({ ...compareWithBenchmark(facts, points[0], { label, value: null }), explanation: `Not compared: ${refused}.` }, context, benchmark);
  if (points.slice(1).every((p) => p.value === null)) {
    const result = compareWithBenchmark(facts, points[0], { label, value: null });
    return comparisonView({ ...result, explanation: `Not compared: none of the ${areas.length - 1} other area${areas.length === 2 ? '' : 's'} has a value for ${period.label}, so there is no average to compare ${subject.name} with.` }, context, benchmark);
  }
  const result = args.against.group ? groupComparison(facts, points, subject.code, { label }) : compareAreas(facts, points[0], points, { label });
  return comparisonView(result.subject!, context, Object.assign(benchmark, { value: result.benchmark.value }));
}

/**
 * The districts and unitary authorities that make up an area (a county's districts; a force area's
 * or a region's districts and unitary authorities), each against the area's own value.
 */
export async function districtComparisonFor(indicator: IndicatorInContext, args: { area?: string | null; period?: string | null }, loaders: Loaders): Promise<GroupComparison> {
  const county = await areaOf(await resolveArea(indicator, args.area, loaders), loaders);
  const geography = await loaders.geography();
  const districts = geography.localAuthorities(county.code).filter((code) => code !== county.code).map((code) => geography.get(code)!);
  if (districts.length === 0) throw badInput('area', `${county.name} (${county.code}) is a ${county.type.toLowerCase().replace(/_/g, ' ')} with no districts to compare; use a county, CSP, police force area or region`);
  const period = await requirePeriod(indicator, county, args.period, loaders);
  const { points, context } = await pointsFor(indicator, [county, ...districts], period, loaders);
  const refused = countReason(indicator);
  const result = refused
    ? notComparedGroup(factsOf(indicator), points.slice(1), period, null, county.name, `${refused}: each district is a part of ${county.name}`)
    : districtComparison(factsOf(indicator), points[0], points.slice(1));
  return groupView(result, context, Object.assign(new Benchmark(), {
    label: county.name, area: county, group: null, value: points[0].value, lowerLimit: points[0].lowerCI95 ?? null, upperLimit: points[0].upperCI95 ?? null,
  }));
}

export async function countyComparisonFor(indicator: IndicatorInContext, args: { area?: string | null; period?: string | null; group?: string | null }, loaders: Loaders): Promise<GroupComparison> {
  const subject = await areaOf(await resolveArea(indicator, args.area, loaders), loaders);
  const groupId = args.group ?? subject.comparatorGroupId;
  if (!groupId) throw badInput('group', `${subject.name} has no comparator group set; name one, e.g. group: "police-uk-peer-counties"`);
  const group = await loaders.group.load(groupId);
  if (!group) throw badInput('group', `no area group has the id "${groupId}"; see areaGroups`);
  const preferred = await requirePeriod(indicator, subject, args.period, loaders);
  const allMembers = await loaders.groupMembers.load(group.id);
  const period = args.period ? preferred : await latestCommonPeriod(indicator, preferred, allMembers.filter((m) => memberDuring(m, preferred)).map((m) => m.area!), loaders);
  const members = allMembers.filter((m) => memberDuring(m, period)).map((m) => m.area!);
  if (members.length === 0) throw badInput('period', `${group.name} has no members for the whole of ${period.label}`);
  const { points, context } = await pointsFor(indicator, members, period, loaders);
  const label = `${group.name} average`;
  const others = points.filter((p) => p.areaCode !== subject.code);
  const refused = countReason(indicator)
    ?? (others.every((p) => p.value === null) ? `no member of ${group.name} other than ${subject.name} has a value for ${period.label}, so there is no group average` : null);
  const result = refused
    ? notComparedGroup(factsOf(indicator), points, period, subject.code, label, refused)
    : groupComparison(factsOf(indicator), points, subject.code, { label });
  return groupView(result, context, Object.assign(new Benchmark(), { label, area: null, group, value: result.benchmark.value, lowerLimit: null, upperLimit: null }));
}

/**
 * Without a period argument, a group comparison uses the latest span of the preferred period's
 * length for which every member has values (the peers' police.uk months end before Leicestershire's),
 * so the default compares like with like rather than one area with nine blanks.
 */
async function latestCommonPeriod(indicator: Indicator, preferred: PeriodInfo, members: Area[], loaders: Loaders): Promise<PeriodInfo> {
  if (!isDerived(indicator) || members.length === 0) return preferred;
  const monthSets = (await Promise.all(members.map((m) => loaders.derivedMonths.load(loaders.seriesKey(indicator.id, m.code))))).map((months) => new Set(months));
  const length = preferred.months;
  for (let end = preferred.endMonth; end >= preferred.endMonth - 120; end--) {
    let complete = true;
    for (let month = end - length + 1; month <= end && complete; month++) complete = monthSets.every((set) => set.has(month));
    if (complete) {
      const candidate = periodFromMonths(end - length + 1, end);
      return candidate.type === preferred.type || preferred.type === 'ROLLING_12_MONTHS' || preferred.type === 'MONTH' ? candidate : preferred;
    }
  }
  return preferred;
}

// ---------------------------------------------------------------------------------------------
// Outcomes: a roll-up of their indicators beside what was published
// ---------------------------------------------------------------------------------------------

export async function outcomeRollUp(outcome: Outcome, areaArg: string | null | undefined, loaders: Loaders) {
  const [dashboard, links] = await Promise.all([loaders.dashboard.load(outcome.dashboardSlug), loaders.linksOf.load(outcome.id)]);
  const areaCode = areaArg ?? dashboard!.areaCode;
  await areaOf(areaCode, loaders);
  const items: OutcomeItem[] = await Promise.all(links.map(async (link) => {
    const indicator = inDashboardContext((await loaders.indicator.load(link.indicatorId))!, dashboard!.areaCode, link);
    const [direction, rag] = await Promise.all([
      directionFor(indicator, { area: areaCode }, loaders),
      ragFor(indicator, { area: areaCode }, loaders),
    ]);
    return { indicatorName: indicator.name, rag: { status: rag.status, rule: rag.rule, target: rag.target, explanation: rag.explanation }, direction: analysisDirection(direction) };
  }));
  const reported = areaCode === dashboard!.areaCode ? await loaders.assessment.load(loaders.assessmentKey(outcome.id, dashboard!.periodKey)) : null;
  return rollUpOutcome(items, reported ? { rag: reported.rag === Rag.GREY ? null : reported.rag, direction: reported.direction } : null);
}
