/**
 * Fingertips-style comparisons: an area against a benchmark value (overlapping confidence
 * intervals), districts against their county, and members of a group against the group average
 * (funnel plot control limits). Each result carries its method and an explanation with the numbers.
 *
 * Sources:
 * - Overlapping confidence intervals at 95% and 99.8%: PHE Fingertips technical guidance,
 *   "Comparisons with benchmarks" (https://fingertips.phe.org.uk/profile/guidance).
 * - Funnel limits and significance: PHEindicatormethods, R/Funnels.R (`calculate_funnel_limits`,
 *   `assign_funnel_significance`; formerly `phe_funnels`, `phe_funnel_significance`) and its
 *   helpers `sigma_adjustment`, `poisson_funnel` and `funnel_ratio_significance` in R/utils.R.
 * - Funnel limits widened for overdispersion (spread between areas beyond chance): Spiegelhalter
 *   2005, in overdispersion.ts.
 *
 * Pure functions of numbers: no I/O, no ORM, no GraphQL.
 */
import {
  byarInterval,
  BYAR_MINIMUM_COUNT,
  confidenceFraction,
  countInterval,
  gammaQuantile,
  normalQuantile,
  proportionInterval,
  rateInterval,
  regularizedGamma,
} from './confidence';
import { formatMeasure, formatNumber, percentText } from './format';
import {
  estimateOverdispersion,
  Overdispersion,
  OverdispersionChoice,
  overdispersedLimits,
  overdispersedLimitsMethod,
} from './overdispersion';
import { ComparisonOutcomeValue, IndicatorFacts, PeriodInfo, Polarity, ValuePoint } from './types';
import { checkIndicator, checkPoint } from './validate';

/** The two levels Fingertips tests at: 95% and 99.8% (about 2 and 3 standard deviations). */
export type SignificanceLevel = 0.95 | 0.998;
export const SIGNIFICANCE_LEVELS: readonly SignificanceLevel[] = [0.95, 0.998];

// ---------------------------------------------------------------------------------------------
// Scale and wording
// ---------------------------------------------------------------------------------------------

/** What numerator / denominator is multiplied by: 100 for a percentage whatever the facts say, else the multiplier. */
export function scaleOf(indicator: IndicatorFacts): number {
  return indicator.valueType === 'PERCENTAGE' ? 100 : indicator.multiplier;
}

function rangeText(indicator: IndicatorFacts, lower: number, upper: number): string {
  return `${formatNumber(lower, indicator.decimals)}–${formatMeasure(indicator, upper, 'never')}`;
}

/** BETTER/WORSE by polarity; HIGHER/LOWER when the indicator makes no judgement. */
export function outcomeFor(polarity: Polarity, side: 'higher' | 'lower'): ComparisonOutcomeValue {
  if (polarity === 'NO_JUDGEMENT') return side === 'higher' ? 'HIGHER' : 'LOWER';
  const good = (polarity === 'HIGH_IS_GOOD') === (side === 'higher');
  return good ? 'BETTER' : 'WORSE';
}

// Explanations are for a board member: the values as the indicator prints them, how far apart they
// are, and whether that is more than chance would explain. Intervals, limits, test names and
// statistics go in `method`.

/** "Leicestershire's 6.12", "the peer group average of 65.76", "65.76, the average of the areas". */
function benchmarkWords(label: string, valueText: string): string {
  const name = label.trim();
  if (/\baverage$/i.test(name)) return `the ${name} of ${valueText}`;
  if (/\baverage\b/i.test(name)) return `${valueText}, the ${name}`;
  return `${name}${/s$/i.test(name) ? "'" : "'s"} ${valueText}`;
}

/** How a benchmark is named where it has no value: "Leicestershire", "the peer group average". */
function benchmarkName(label: string): string {
  const name = label.trim();
  return /\baverage\b/i.test(name) && !/^the\b/i.test(name) ? `the ${name}` : name;
}

/**
 * How far a value is from the benchmark, as printed: "31.2% lower than" (one decimal), "3.9
 * percentage points higher than" for a percentage, the difference in the indicator's decimals
 * when the benchmark is 0; "about the same as" (or "slightly higher than", when significant)
 * when the two print alike or the difference prints as nothing.
 */
function differenceWords(indicator: IndicatorFacts, value: number, target: number, significant: boolean): string {
  const side = value > target ? 'higher' : 'lower';
  const printed = (x: number): number => Number(formatNumber(x, indicator.decimals).replace(/,/g, ''));
  const gap = Math.abs(value - target);
  // Against a benchmark that prints as 0 a percentage means nothing (or overflows): the difference itself is given.
  const percent = printed(target) === 0 ? null : formatNumber((gap / Math.abs(target)) * 100, 1);
  const amount =
    printed(value) === printed(target) || printed(gap) === 0
      ? null
      : indicator.valueType === 'PERCENTAGE' || indicator.unit?.trim() === '%'
        ? `${formatNumber(gap, indicator.decimals)} percentage points`
        : percent !== null && Number(percent.replace(/,/g, '')) !== 0
          ? `${percent}%`
          : formatMeasure(indicator, gap);
  if (amount === null) return value === target || !significant ? 'about the same as' : `slightly ${side} than`;
  return `${amount} ${side} than`;
}

/** "(99.8% confidence)"; "(95% confidence, though not 99.8%)" when 99.8% was tested too. */
function confidenceWords(level: SignificanceLevel, testedAt998: boolean): string {
  return level === 0.95 && testedAt998 ? '(95% confidence, though not 99.8%)' : `(${percentText(level)} confidence)`;
}

/** ": better, by more than … (99.8% confidence)."; for NO_JUDGEMENT, ", by more than … ; higher or lower is neither …". */
function significantWords(outcome: ComparisonOutcomeValue, beyond: string, confidence: string): string {
  return outcome === 'BETTER' || outcome === 'WORSE'
    ? `: ${outcome.toLowerCase()}, by more than ${beyond} ${confidence}.`
    : `, by more than ${beyond} ${confidence}; higher or lower is neither better nor worse for this indicator.`;
}

/** "first" … "fourth". */
function ordinal(n: number): string {
  return ['first', 'second', 'third', 'fourth'][n - 1] ?? `${n}th`;
}

// ---------------------------------------------------------------------------------------------
// Limits of one point
// ---------------------------------------------------------------------------------------------

export interface PointLimits {
  lower: number;
  upper: number;
  /** As a fraction: 0.95, 0.998. */
  confidence: number;
  source: 'published' | 'computed';
  /** `published`, `Byar's method`, `exact Poisson`, `Wilson score`. */
  method: string;
}

/**
 * A point's confidence limits at 95% or 99.8% (or any level confidenceFraction accepts):
 * the published ones where both are given (only for 95% and 99.8%), else computed from counts —
 * COUNT: exact Poisson below 10 events, Byar's method from 10 (countInterval);
 * RATE: the same for the events, over the denominator times the multiplier (rateInterval);
 * PERCENTAGE: Wilson score × 100 (proportionInterval). null when neither is possible
 * (a RATIO without published limits, or a rate or percentage without counts).
 * Computed limits surround numerator / denominator × multiplier, as the APHO methods do.
 */
export function limitsOf(indicator: IndicatorFacts, point: ValuePoint, confidence: number): PointLimits | null {
  checkIndicator(indicator);
  checkPoint(indicator, point);
  const c = confidenceFraction(confidence);
  const published =
    c === 0.95 ? [point.lowerCI95, point.upperCI95] : c === 0.998 ? [point.lowerCI998, point.upperCI998] : [null, null];
  const [lower, upper] = published;
  if (lower !== null && lower !== undefined && upper !== null && upper !== undefined) {
    return { lower, upper, confidence: c, source: 'published', method: 'published' };
  }
  const { numerator, denominator } = point;
  switch (indicator.valueType) {
    case 'COUNT': {
      const count = numerator ?? point.value;
      if (count === null) return null;
      const limits = countInterval(count, c);
      return { lower: limits.lower, upper: limits.upper, confidence: c, source: 'computed', method: limits.method };
    }
    case 'RATE': {
      if (numerator === null || denominator === null) return null;
      const limits = rateInterval(numerator, denominator, c, indicator.multiplier);
      return { lower: limits.lower, upper: limits.upper, confidence: c, source: 'computed', method: limits.method };
    }
    case 'PERCENTAGE': {
      if (numerator === null || denominator === null) return null;
      const limits = proportionInterval(numerator, denominator, c, 100);
      return { lower: limits.lower, upper: limits.upper, confidence: c, source: 'computed', method: limits.method };
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Result shapes
// ---------------------------------------------------------------------------------------------

/** What a value is compared against (the GraphQL Benchmark). */
export interface BenchmarkInput {
  /** e.g. "Leicestershire", "CIPFA nearest neighbours average". */
  readonly label: string;
  readonly value: number | null;
  readonly lowerLimit?: number | null;
  readonly upperLimit?: number | null;
  readonly areaCode?: string | null;
}

export interface BenchmarkResult {
  label: string;
  value: number | null;
  lowerLimit: number | null;
  upperLimit: number | null;
  areaCode: string | null;
}

/** Funnel (control) limits around a group average at one member's denominator. */
export interface FunnelLimits {
  /** Expected events at the average (rates and counts); null for proportions. */
  expected: number | null;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
  method: string;
}

/** One area against a benchmark (the GraphQL Comparison). */
export interface Comparison {
  areaCode: string;
  areaName: string;
  period: PeriodInfo;
  point: ValuePoint;
  value: number | null;
  benchmark: BenchmarkResult;
  outcome: ComparisonOutcomeValue;
  /** 0.95 or 0.998 when significant; null when SIMILAR or not compared. */
  level: SignificanceLevel | null;
  /** value − benchmark value. */
  difference: number | null;
  /** (value − benchmark) / benchmark × 100; null when the benchmark is 0. */
  percentDifference: number | null;
  /** The value's own limits (published, or computed from counts); null where neither is possible. */
  limits95: PointLimits | null;
  limits998: PointLimits | null;
  /** Group comparisons only: control limits at this member's denominator. */
  funnel: FunnelLimits | null;
  /** Group comparisons only (null otherwise): 1 = best by polarity; ties share a rank. */
  rank: number | null;
  groupSize: number | null;
  quartile: number | null;
  method: string;
  explanation: string;
}

/**
 * What a group comparison's funnel plot is drawn from: the average the members were placed
 * against and the denominators at which they were (1 for every member of a count).
 */
export interface GroupFunnel {
  indicator: IndicatorFacts;
  average: number;
  /** One per member compared by funnel limits, in the members' order. */
  denominators: number[];
  /** How the limits allowed for spread beyond chance: widened where `adjusted`; null for counts. */
  overdispersion: Overdispersion | null;
}

/** One point of a funnel plot's control limits: the limits around the group average at one denominator. */
export interface FunnelPoint {
  denominator: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/** Every member of a group against one benchmark, best first (the GraphQL GroupComparison). */
export interface GroupComparison {
  period: PeriodInfo;
  /** The county, or the group average; its limits are null (each member's own are on its comparison). */
  benchmark: BenchmarkResult;
  /** Best first; members without a value last, unranked. */
  members: Comparison[];
  subject: Comparison | null;
  /** Null when no member was compared by funnel limits (districts against their county, a ratio, no counts, no average). */
  funnel: GroupFunnel | null;
  /** The spread of the members beyond chance and whether their limits were widened for it; null without funnel limits, and for counts. */
  overdispersion: Overdispersion | null;
  method: string;
  explanation: string;
}

function benchmarkResult(benchmark: BenchmarkInput): BenchmarkResult {
  return {
    label: benchmark.label,
    value: benchmark.value,
    lowerLimit: benchmark.lowerLimit ?? null,
    upperLimit: benchmark.upperLimit ?? null,
    areaCode: benchmark.areaCode ?? null,
  };
}

function differences(value: number | null, benchmark: number | null): { difference: number | null; percentDifference: number | null } {
  if (value === null || benchmark === null) return { difference: null, percentDifference: null };
  const difference = value - benchmark;
  return { difference, percentDifference: benchmark === 0 ? null : (difference / benchmark) * 100 };
}

function checkBenchmark(benchmark: BenchmarkInput): void {
  if (typeof benchmark.label !== 'string' || benchmark.label.trim() === '') {
    throw new RangeError('a benchmark needs a label, e.g. the county name or "group average"');
  }
  for (const [name, value] of [
    ['value', benchmark.value],
    ['lower limit', benchmark.lowerLimit],
    ['upper limit', benchmark.upperLimit],
  ] as const) {
    if (value !== null && value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw new RangeError(`benchmark ${benchmark.label}: ${name} must be a finite number or null (got ${String(value)})`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One value against a benchmark: overlapping confidence intervals
// ---------------------------------------------------------------------------------------------

function limitsMethod(limits95: PointLimits | null, limits998: PointLimits | null): string {
  const methods = [...new Set([limits95, limits998].filter((l): l is PointLimits => l !== null).map((l) => l.method))];
  const levels = [limits95 ? '95%' : null, limits998 ? '99.8%' : null].filter((l) => l !== null).join(' and ');
  const how = methods.join(' / ');
  const single = limits95 === null || limits998 === null ? ` (only ${levels} limits were available)` : '';
  return `${levels} confidence intervals (${how}) against the benchmark value: significant when the interval excludes it${single}`;
}

/**
 * The overlapping-confidence-interval comparison Fingertips prints: if the value's 99.8% interval
 * excludes the benchmark value, the difference is significant at 99.8%; else if its 95% interval
 * does, at 95%; else SIMILAR. An interval that merely touches the benchmark (a limit equal to it)
 * includes it. BETTER/WORSE follow polarity, HIGHER/LOWER for NO_JUDGEMENT; NOT_COMPARED when
 * there is no value, no benchmark value, or no limits (published or computable from counts).
 * When only one level's limits exist (published 95% only, say), only that level is tested.
 */
export function compareWithBenchmark(indicator: IndicatorFacts, point: ValuePoint, benchmark: BenchmarkInput): Comparison {
  checkIndicator(indicator);
  checkPoint(indicator, point);
  checkBenchmark(benchmark);
  const limits95 = limitsOf(indicator, point, 0.95);
  const limits998 = limitsOf(indicator, point, 0.998);
  const base = {
    areaCode: point.areaCode,
    areaName: point.areaName,
    period: point.period,
    point,
    value: point.value,
    benchmark: benchmarkResult(benchmark),
    ...differences(point.value, benchmark.value),
    limits95,
    limits998,
    funnel: null,
    rank: null,
    groupSize: null,
    quartile: null,
  };
  const notCompared = (why: string, technical: string = why): Comparison => ({
    ...base,
    outcome: 'NOT_COMPARED',
    level: null,
    method: `not compared (overlapping confidence intervals at 95% and 99.8% against the benchmark value): ${technical}`,
    explanation: `${point.areaName} (${point.period.label}) is not compared with ${benchmarkName(benchmark.label)}: ${why}.`,
  });
  if (point.value === null) return notCompared(`there is no value for ${point.areaName}`);
  if (benchmark.value === null || benchmark.value === undefined) {
    return notCompared(
      /\baverage\b/i.test(benchmark.label) ? `there is no ${benchmark.label.trim().replace(/^the /i, '')}` : `there is no value for ${benchmark.label}`,
      `there is no value for ${benchmark.label}`,
    );
  }
  if (limits95 === null && limits998 === null) {
    return notCompared(
      indicator.valueType === 'RATIO'
        ? 'its value was published without the margin of error needed to judge a difference, and a ratio has no counts to work one out from'
        : 'its value was published without the margin of error needed to judge a difference, and there are no counts to work one out from',
      indicator.valueType === 'RATIO'
        ? 'no confidence limits were published for it, and a ratio has no counts to compute them from'
        : 'no confidence limits were published for it and there are no counts to compute them from',
    );
  }
  const value = point.value;
  const target = benchmark.value;
  const side = (limits: PointLimits | null): 'higher' | 'lower' | null =>
    limits === null ? null : target < limits.lower ? 'higher' : target > limits.upper ? 'lower' : null;

  const ciText = [limits95, limits998]
    .filter((l): l is PointLimits => l !== null)
    .map((l) => `${percentText(l.confidence)} CI ${rangeText(indicator, l.lower, l.upper)}`)
    .join('; ');
  const target998 = side(limits998);
  const target95 = side(limits95);
  const found: [SignificanceLevel, 'higher' | 'lower'] | null = target998
    ? [0.998, target998]
    : target95
      ? [0.95, target95]
      : null;
  const tested = limits95 ? '95%' : '99.8%';
  const verdict =
    found === null
      ? `the ${tested} interval includes it`
      : found[0] === 0.95 && limits998 !== null
        ? 'the 95% interval excludes it, the 99.8% interval does not'
        : `the ${percentText(found[0])} interval excludes it`;
  const method =
    `${limitsMethod(limits95, limits998)}. ${point.areaName} ${formatMeasure(indicator, value)} (${ciText}) against ` +
    `${benchmark.label} ${formatMeasure(indicator, target, 'never')}: ${verdict}`;
  const subject = `${point.areaName}, ${formatMeasure(indicator, value)},`;
  const against = benchmarkWords(benchmark.label, formatMeasure(indicator, target, 'never'));
  if (found === null) {
    return {
      ...base,
      outcome: 'SIMILAR',
      level: null,
      method,
      explanation: `${subject} is ${differenceWords(indicator, value, target, false)} ${against}: similar, within what chance would explain.`,
    };
  }
  const [level, direction] = found;
  const outcome = outcomeFor(indicator.polarity, direction);
  return {
    ...base,
    outcome,
    level,
    method,
    explanation:
      `${subject} is ${differenceWords(indicator, value, target, true)} ${against}` +
      significantWords(outcome, 'chance would explain', confidenceWords(level, limits998 !== null)),
  };
}

// ---------------------------------------------------------------------------------------------
// Ranks and quartiles
// ---------------------------------------------------------------------------------------------

/**
 * Quartile of a rank among n ranked members: 1 + floor(4 × (rank − 1) / n), i.e. quartile q
 * holds the members with at least (q − 1)/4 but fewer than q/4 of the group ranked above them.
 * When n is divisible by 4 these are exact quarters; otherwise the quarters differ by at most one
 * member (n = 10: 3, 2, 3, 2), the best is always in quartile 1, ties share a quartile, and a
 * group of fewer than 4 does not reach quartile 4 (n = 3: quartiles 1, 2, 3).
 */
export function quartileOf(rank: number, groupSize: number): number {
  if (!Number.isInteger(groupSize) || groupSize < 1) {
    throw new RangeError(`group size must be a whole number of at least 1 (got ${groupSize})`);
  }
  if (!Number.isInteger(rank) || rank < 1 || rank > groupSize) {
    throw new RangeError(`rank must be a whole number from 1 to the group size ${groupSize} (got ${rank})`);
  }
  return 1 + Math.floor((4 * (rank - 1)) / groupSize);
}

/**
 * Orders comparisons best first by polarity (largest first for HIGH_IS_GOOD and NO_JUDGEMENT,
 * smallest first for LOW_IS_GOOD) and fills rank (1 + the number strictly better, so ties share
 * the best rank: 1, 2, 2, 4), groupSize (members with a value) and quartile. Members without a
 * value go last, in their given order, unranked. Ties keep their given order.
 */
function rankComparisons(polarity: Polarity, comparisons: Comparison[]): Comparison[] {
  const valued = comparisons.filter((c) => c.value !== null);
  const missing = comparisons.filter((c) => c.value === null);
  const sign = polarity === 'LOW_IS_GOOD' ? 1 : -1;
  const sorted = [...valued].sort((a, b) => sign * ((a.value as number) - (b.value as number)));
  const n = sorted.length;
  let rank = 0;
  const ranked = sorted.map((comparison, index) => {
    if (index === 0 || comparison.value !== sorted[index - 1].value) rank = index + 1;
    return { ...comparison, rank, groupSize: n, quartile: quartileOf(rank, n) };
  });
  return [...ranked, ...missing.map((c) => ({ ...c, rank: null, groupSize: n, quartile: null }))];
}

function checkGroup(indicator: IndicatorFacts, points: ValuePoint[], what: string): void {
  if (!Array.isArray(points) || points.length === 0) {
    throw new RangeError(`${what} needs at least one area`);
  }
  const seen = new Set<string>();
  for (const point of points) {
    checkPoint(indicator, point);
    if (seen.has(point.areaCode)) {
      throw new RangeError(`${what} lists ${point.areaName} (${point.areaCode}) more than once`);
    }
    seen.add(point.areaCode);
  }
  const first = points[0];
  const other = points.find((p) => p.period.key !== first.period.key);
  if (other) {
    throw new RangeError(
      `${what} must be for one period: ${first.areaName} is for ${first.period.label} but ${other.areaName} is for ${other.period.label}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Districts against their county
// ---------------------------------------------------------------------------------------------

/**
 * Each district against the county's value by overlapping confidence intervals
 * (compareWithBenchmark), ranked best first with quartiles. The benchmark's limits are the
 * county's own 95% confidence interval where known (for display; the test uses the district's
 * intervals against the county's value, as Fingertips does).
 */
export function districtComparison(indicator: IndicatorFacts, county: ValuePoint, districts: ValuePoint[]): GroupComparison {
  checkIndicator(indicator);
  checkPoint(indicator, county);
  checkGroup(indicator, districts, 'a district comparison');
  if (districts[0].period.key !== county.period.key) {
    throw new RangeError(
      `districts must be for the county's period: ${county.areaName} is for ${county.period.label} but ${districts[0].areaName} is for ${districts[0].period.label}`,
    );
  }
  if (districts.some((d) => d.areaCode === county.areaCode)) {
    throw new RangeError(`${county.areaName} (${county.areaCode}) is the county and cannot also be one of its districts`);
  }
  const countyLimits = limitsOf(indicator, county, 0.95);
  const benchmark: BenchmarkInput = {
    label: county.areaName,
    value: county.value,
    lowerLimit: countyLimits?.lower ?? null,
    upperLimit: countyLimits?.upper ?? null,
    areaCode: county.areaCode,
  };
  const members = rankComparisons(
    indicator.polarity,
    districts.map((district) => compareWithBenchmark(indicator, district, benchmark)),
  );
  const countyText = county.value === null ? 'no value' : formatMeasure(indicator, county.value);
  const valued = districts.filter((d) => d.value !== null).length;
  const counts =
    valued === 0
      ? `none has a value for ${county.period.label}, so none is compared`
      : county.value === null
        ? `${county.areaName} has no value for ${county.period.label}, so no district is compared`
        : countOutcomes(members);
  return {
    period: county.period,
    benchmark: benchmarkResult(benchmark),
    members,
    subject: null,
    funnel: null,
    overdispersion: null,
    method:
      "each district's 95% and 99.8% confidence intervals against the county's value (overlapping confidence intervals), ranked best first by polarity; quartile = 1 + floor(4 × (rank − 1) / ranked districts)",
    explanation: `${districts.length} district${districts.length === 1 ? '' : 's'} of ${county.areaName} (${countyText}) in ${county.period.label}: ${counts}.`,
  };
}

/** "1 better, 3 similar, 1 worse, 1 with no value": members without a value are counted apart, since that is why they were not compared. */
function countOutcomes(members: Comparison[]): string {
  const order: ComparisonOutcomeValue[] = ['BETTER', 'HIGHER', 'SIMILAR', 'LOWER', 'WORSE', 'NOT_COMPARED'];
  const words: Record<ComparisonOutcomeValue, string> = {
    BETTER: 'better',
    HIGHER: 'higher',
    SIMILAR: 'similar',
    LOWER: 'lower',
    WORSE: 'worse',
    NOT_COMPARED: 'not compared',
  };
  const unvalued = members.filter((m) => m.point.value === null).length;
  const parts = order
    .map((o) => [o, members.filter((m) => m.outcome === o && (o !== 'NOT_COMPARED' || m.point.value !== null)).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${n} ${words[o]}`);
  if (unvalued > 0) parts.push(`${unvalued} with no value`);
  return parts.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Funnel limits
// ---------------------------------------------------------------------------------------------

function tailOf(confidence: number): number {
  return (1 - confidence) / 2;
}

/** Bisection for the point where a monotone function crosses a target, to ~1e-13 relative. */
function bisect(lo: number, hi: number, below: (x: number) => boolean): number {
  // `below(x)` is true on [lo, answer) and false on [answer, hi].
  for (let i = 0; i < 300 && hi - lo > 1e-13 * Math.max(1, hi); i++) {
    const mid = lo + (hi - lo) / 2;
    if (below(mid)) lo = mid;
    else hi = mid;
  }
  return lo + (hi - lo) / 2;
}

function byarUpper(events: number, confidence: number): number {
  return byarInterval(events, confidence).upper;
}

function byarLower(events: number, confidence: number): number {
  return byarInterval(events, confidence).lower;
}

/** Smallest b ≥ start with f(b) ≥ target, for an increasing f (doubling). */
function growUntil(start: number, target: number, f: (x: number) => number): number {
  let b = Math.max(start * 2, 2 * target, 20);
  while (f(b) < target) b *= 2;
  return b;
}

/**
 * Events at the Poisson funnel limits for an expected count μ (the group average at a member's
 * denominator), by inverting the count limits phe_rate and funnel_ratio_significance use (exact
 * Poisson below 10 events, Byar's method from 10):
 *
 * - lower: the smallest E whose upper confidence limit reaches μ. A member with fewer events
 *   has an interval entirely below the average. In the exact range this is Q(E + 1, μ) = (1 − c)/2,
 *   i.e. E is the (continuous) lower (1 − c)/2 quantile of Poisson(μ): exact Poisson control limits.
 * - upper: the largest E whose lower confidence limit is at most μ. A member with more events has
 *   an interval entirely above the average. In the exact range P(E, μ) = (1 − c)/2.
 *
 * This is the funnel that PHEindicatormethods plots for rates (events on the axis, the population
 * at which the average sits on the limit), read at a given population instead. Byar's lower limit
 * drops slightly where it takes over at 10 events (2.961 → 2.916 at 99.8%); for an expected count
 * in that gap the upper limit takes the larger crossing (never flagging a member the package would
 * not; whole-number counts are unaffected).
 */
export function poissonFunnelEvents(expected: number, confidence: number): { lower: number; upper: number } {
  if (typeof expected !== 'number' || !Number.isFinite(expected) || expected < 0) {
    throw new RangeError(`expected events must be a finite number, zero or more (got ${String(expected)})`);
  }
  const c = confidenceFraction(confidence);
  const tail = tailOf(c);
  const mu = expected;
  const switchAt = BYAR_MINIMUM_COUNT;

  // Lower: inf { E ≥ 0 : upperLimit(E) ≥ μ }; upperLimit increases in E.
  let lower: number;
  if (countInterval(0, c).upper >= mu) {
    lower = 0;
  } else if (gammaQuantile(switchAt + 1, tail, 'upper') >= mu) {
    // exact range: upperLimit(E) ≥ μ ⇔ Q(E + 1, μ) ≥ tail, and Q(a, μ) increases in a
    lower = bisect(0, switchAt, (e) => regularizedGamma(e + 1, mu).upper < tail);
  } else if (byarUpper(switchAt, c) >= mu) {
    lower = switchAt;
  } else {
    const hi = growUntil(switchAt, mu, (e) => byarUpper(e, c));
    lower = bisect(switchAt, hi, (e) => byarUpper(e, c) < mu);
  }

  // Upper: sup { E ≥ 0 : lowerLimit(E) ≤ μ }.
  let upper: number;
  if (mu === 0) {
    upper = 0;
  } else if (byarLower(switchAt, c) <= mu) {
    const hi = growUntil(switchAt, mu, (e) => byarLower(e, c));
    upper = bisect(switchAt, hi, (e) => byarLower(e, c) <= mu);
  } else if (gammaQuantile(switchAt, tail, 'lower') <= mu) {
    upper = switchAt;
  } else {
    // exact range: lowerLimit(E) ≤ μ ⇔ P(E, μ) ≥ tail, and P(a, μ) decreases in a
    upper = bisect(0, switchAt, (e) => e === 0 || regularizedGamma(e, mu).lower >= tail);
  }
  return { lower, upper };
}

/**
 * Control limits for a proportion at denominator n around the group proportion p̄, as
 * PHEindicatormethods' sigma_adjustment: its quadratic simplifies to p̄ ± z·√(p̄(1 − p̄)/n), with
 * z = qnorm(0.975) and qnorm(0.999) — the score test, so a member is outside the limits exactly
 * when p̄ is outside the Wilson interval of the member's own proportion. Clamped to 0..1.
 */
export function proportionFunnelLimits(average: number, denominator: number, confidence: number): { lower: number; upper: number } {
  if (typeof average !== 'number' || !(average >= 0 && average <= 1)) {
    throw new RangeError(`the group proportion must be between 0 and 1 (got ${String(average)})`);
  }
  if (typeof denominator !== 'number' || !Number.isFinite(denominator) || denominator <= 0) {
    throw new RangeError(`denominator must be greater than zero (got ${String(denominator)})`);
  }
  const c = confidenceFraction(confidence);
  const z = normalQuantile(1 - tailOf(c));
  const half = z * Math.sqrt((average * (1 - average)) / denominator);
  return { lower: Math.max(0, average - half), upper: Math.min(1, average + half) };
}

/**
 * Funnel limits at 95% and 99.8% around a group average at one member's denominator, on the
 * indicator's scale. RATE: Poisson limits for the expected events μ = average / multiplier ×
 * denominator (poissonFunnelEvents), over the denominator × multiplier. COUNT: the same with
 * denominator 1 (μ = the average count). PERCENTAGE: proportionFunnelLimits × 100.
 * RATIO has no funnel here (RangeError).
 *
 * With an `overdispersion` that is `adjusted` (a rate or percentage), the limits are widened for
 * the spread between areas instead (overdispersedLimits: multiplicative or additive).
 */
export function funnelLimits(indicator: IndicatorFacts, average: number, denominator: number, overdispersion?: Overdispersion | null): FunnelLimits {
  checkIndicator(indicator);
  if (typeof average !== 'number' || !Number.isFinite(average) || average < 0) {
    throw new RangeError(`the group average must be a finite number, zero or more, for funnel limits (got ${String(average)})`);
  }
  if (typeof denominator !== 'number' || !Number.isFinite(denominator) || denominator <= 0) {
    throw new RangeError(`denominator must be greater than zero for funnel limits (got ${String(denominator)})`);
  }
  if (overdispersion?.adjusted && (indicator.valueType === 'RATE' || indicator.valueType === 'PERCENTAGE')) {
    const l95 = overdispersedLimits(indicator, average, denominator, overdispersion, 0.95);
    const l998 = overdispersedLimits(indicator, average, denominator, overdispersion, 0.998);
    return {
      expected: indicator.valueType === 'RATE' ? (average / indicator.multiplier) * denominator : null,
      lower95: l95.lower,
      upper95: l95.upper,
      lower998: l998.lower,
      upper998: l998.upper,
      method: overdispersedLimitsMethod(indicator, overdispersion),
    };
  }
  switch (indicator.valueType) {
    case 'PERCENTAGE': {
      const p = average / 100;
      if (p > 1) throw new RangeError(`a group percentage cannot exceed 100% (got ${average})`);
      const l95 = proportionFunnelLimits(p, denominator, 0.95);
      const l998 = proportionFunnelLimits(p, denominator, 0.998);
      return {
        expected: null,
        lower95: l95.lower * 100,
        upper95: l95.upper * 100,
        lower998: l998.lower * 100,
        upper998: l998.upper * 100,
        method: 'binomial control limits p̄ ± z√(p̄(1 − p̄)/n), z = 1.96 and 3.09 (PHEindicatormethods sigma_adjustment)',
      };
    }
    case 'RATE':
    case 'COUNT': {
      const scale = indicator.valueType === 'RATE' ? indicator.multiplier : 1;
      const n = indicator.valueType === 'RATE' ? denominator : 1;
      const expected = (average / scale) * n;
      const e95 = poissonFunnelEvents(expected, 0.95);
      const e998 = poissonFunnelEvents(expected, 0.998);
      const toValue = (events: number): number => (events / n) * scale;
      return {
        expected,
        lower95: toValue(e95.lower),
        upper95: toValue(e95.upper),
        lower998: toValue(e998.lower),
        upper998: toValue(e998.upper),
        method: 'Poisson control limits for the expected events (exact Poisson below 10 events, Byar\'s method from 10)',
      };
    }
    default:
      throw new RangeError(`funnel limits need counts: indicator "${indicator.name}" is a ${indicator.valueType.toLowerCase()}`);
  }
}

/** How many points funnelCurve draws a curve with: from 2 to 500, 60 unless asked. */
export const FUNNEL_CURVE_POINTS = { min: 2, max: 500, default: 60 } as const;

/**
 * A funnel plot's control limits as curves: funnelLimits around the average at `points`
 * denominators spread evenly on a log scale from half the smallest of `denominators` (the members')
 * to twice the largest, smallest first; the first and last are exactly those ends. A single
 * denominator d gives d/2 to 2d. The limits are widened as the members' were when `overdispersion`
 * is adjusted.
 *
 * null when there is no curve to draw: no average, no denominators, a ratio (no funnel), or a count
 * (compared at denominator 1 around the mean count: one pair of limits, not a curve over sizes).
 * RangeError for `points` outside 2..500 or not whole, and for a denominator that is not above zero.
 */
export function funnelCurve(
  indicator: IndicatorFacts,
  average: number | null,
  denominators: readonly number[],
  points: number = FUNNEL_CURVE_POINTS.default,
  overdispersion: Overdispersion | null = null,
): FunnelPoint[] | null {
  checkIndicator(indicator);
  const { min, max } = FUNNEL_CURVE_POINTS;
  if (!Number.isInteger(points) || points < min || points > max) {
    throw new RangeError(`a funnel curve needs a whole number of points from ${min} to ${max} (got ${String(points)})`);
  }
  for (const d of denominators) {
    if (typeof d !== 'number' || !Number.isFinite(d) || d <= 0) {
      throw new RangeError(`denominators must be greater than zero for a funnel curve (got ${String(d)})`);
    }
  }
  if (average === null || denominators.length === 0) return null;
  if (indicator.valueType !== 'RATE' && indicator.valueType !== 'PERCENTAGE') return null;
  const first = Math.min(...denominators) / 2;
  const last = Math.max(...denominators) * 2;
  return Array.from({ length: points }, (_, i) => {
    const denominator = i === points - 1 ? last : first * (last / first) ** (i / (points - 1));
    const { lower95, upper95, lower998, upper998 } = funnelLimits(indicator, average, denominator, overdispersion);
    return { denominator, lower95, upper95, lower998, upper998 };
  });
}

// ---------------------------------------------------------------------------------------------
// A group: every member against the group average
// ---------------------------------------------------------------------------------------------

interface GroupAverage {
  value: number | null;
  kind: 'pooled' | 'mean' | 'none';
  text: string;
}

function groupAverage(indicator: IndicatorFacts, members: ValuePoint[]): GroupAverage {
  const valued = members.filter((m) => m.value !== null);
  if (valued.length === 0) return { value: null, kind: 'none', text: 'no member has a value' };
  const quotient = indicator.valueType === 'RATE' || indicator.valueType === 'PERCENTAGE';
  if (quotient && valued.every((m) => m.numerator !== null && m.denominator !== null)) {
    const numerator = valued.reduce((sum, m) => sum + (m.numerator as number), 0);
    const denominator = valued.reduce((sum, m) => sum + (m.denominator as number), 0);
    const value = (numerator / denominator) * scaleOf(indicator);
    return {
      value,
      kind: 'pooled',
      text: `the pooled value Σ numerators / Σ denominators × ${formatNumber(scaleOf(indicator), 0)} of the ${valued.length} members with a value`,
    };
  }
  const value = valued.reduce((sum, m) => sum + (m.value as number), 0) / valued.length;
  const why = quotient ? ' (not every member has counts to pool)' : '';
  return { value, kind: 'mean', text: `the mean of the ${valued.length} members' values${why}` };
}

function funnelDenominator(indicator: IndicatorFacts, point: ValuePoint): number | null {
  if (indicator.valueType === 'COUNT') return 1;
  if (indicator.valueType === 'RATE' || indicator.valueType === 'PERCENTAGE') return point.denominator;
  return null;
}

function compareWithFunnel(
  indicator: IndicatorFacts,
  point: ValuePoint,
  label: string,
  average: number,
  denominator: number,
  overdispersion: Overdispersion | null,
): Comparison {
  const funnel = funnelLimits(indicator, average, denominator, overdispersion);
  const value = point.value as number;
  const benchmark: BenchmarkInput = { label, value: average, lowerLimit: funnel.lower998, upperLimit: funnel.upper998 };
  const side = (lower: number, upper: number): 'higher' | 'lower' | null =>
    value > upper ? 'higher' : value < lower ? 'lower' : null;
  const at998 = side(funnel.lower998, funnel.upper998);
  const at95 = side(funnel.lower95, funnel.upper95);
  const found: [SignificanceLevel, 'higher' | 'lower'] | null = at998 ? [0.998, at998] : at95 ? [0.95, at95] : null;
  const size =
    indicator.valueType === 'COUNT'
      ? `expected count ${formatNumber(funnel.expected as number, 1)}`
      : `denominator ${formatNumber(denominator, 0)}`;
  const widened = overdispersion?.adjusted ? ', widened for the spread between areas beyond chance' : '';
  const subject = `${point.areaName}, ${formatMeasure(indicator, value)},`;
  const against = benchmarkWords(label, formatMeasure(indicator, average, 'never'));
  // A count is compared at one size for all; rates and percentages at the member's own.
  const chance = `chance${overdispersion?.adjusted ? ' and the usual spread between areas' : ''} would explain${indicator.valueType === 'COUNT' ? '' : ' for an area of its size'}`;
  let outcome: ComparisonOutcomeValue = 'SIMILAR';
  let explanation: string;
  let verdict: string;
  if (found === null) {
    explanation = `${subject} is ${differenceWords(indicator, value, average, false)} ${against}: similar, within what ${chance}.`;
    verdict = 'within the 95% limits';
  } else {
    const [level, direction] = found;
    outcome = outcomeFor(indicator.polarity, direction);
    explanation = `${subject} is ${differenceWords(indicator, value, average, true)} ${against}` + significantWords(outcome, chance, confidenceWords(level, true));
    verdict = level === 0.998 ? 'outside the 99.8% limits' : 'outside the 95% limits, within the 99.8% limits';
  }
  const method =
    `funnel plot: ${funnel.method}, at 95% and 99.8% around the group average at this member's denominator; outside the limits is significant. ` +
    `${point.areaName} ${formatMeasure(indicator, value)} against ${label} ${formatMeasure(indicator, average, 'never')} for its ${size}${widened}: ` +
    `95% limits ${rangeText(indicator, funnel.lower95, funnel.upper95)}, 99.8% limits ${rangeText(indicator, funnel.lower998, funnel.upper998)}; ${verdict}`;
  return {
    areaCode: point.areaCode,
    areaName: point.areaName,
    period: point.period,
    point,
    value,
    benchmark: benchmarkResult(benchmark),
    outcome,
    level: found ? found[0] : null,
    ...differences(value, average),
    limits95: limitsOf(indicator, point, 0.95),
    limits998: limitsOf(indicator, point, 0.998),
    funnel,
    rank: null,
    groupSize: null,
    quartile: null,
    method,
    explanation,
  };
}

export interface GroupComparisonOptions {
  /** What the average is called in explanations and the benchmark, e.g. "CIPFA nearest neighbours average". */
  label?: string;
  /**
   * How the funnel limits of rates and percentages allow for spread between areas beyond chance
   * (estimateOverdispersion): NONE (the default, as PHEindicatormethods and Fingertips draw them),
   * MULTIPLICATIVE or ADDITIVE when the group is overdispersed, or AUTO (ADDITIVE when overdispersed,
   * else NONE).
   */
  overdispersion?: OverdispersionChoice;
}

/**
 * Every member against the group average, as a funnel plot does (PHEindicatormethods'
 * calculate_funnel_limits / assign_funnel_significance, Fingertips technical guidance):
 *
 * - Average: for rates and percentages, the pooled value Σ numerator / Σ denominator × multiplier
 *   when every member with a value has counts, else the mean of the values; for counts and
 *   ratios, the mean of the values. Members without a value are left out of it.
 * - Each member with a denominator (rates, percentages; counts use 1) is placed against control
 *   limits around that average for its own denominator at 95% and 99.8% (funnelLimits): outside
 *   the 99.8% limits is significant at 0.998, else outside the 95% limits at 0.95, else SIMILAR.
 *   A small member gets wide limits, so noise does not flag it. The member's benchmark
 *   lowerLimit/upperLimit are its 99.8% funnel limits.
 * - Rates and percentages: the spread of the members compared by funnel limits beyond chance is
 *   estimated (estimateOverdispersion), and the limits widened for it as `options.overdispersion`
 *   says (default NONE: chance alone).
 * - A member without counts (or a ratio) falls back to its published confidence intervals against
 *   the average (compareWithBenchmark); without those it is NOT_COMPARED.
 * - Ranked best first by polarity, ties sharing a rank; quartile as quartileOf.
 *
 * `subjectCode` picks the member reported as `subject` (null when it is not a member).
 */
export function groupComparison(
  indicator: IndicatorFacts,
  members: ValuePoint[],
  subjectCode?: string | null,
  options: GroupComparisonOptions = {},
): GroupComparison {
  checkIndicator(indicator);
  checkGroup(indicator, members, 'a group comparison');
  const label = options.label?.trim() || 'group average';
  const average = groupAverage(indicator, members);
  const overdispersion = groupOverdispersion(indicator, members, average.value, options.overdispersion ?? 'NONE');
  const compared = members.map((point): Comparison => {
    if (average.value === null || point.value === null) {
      return compareWithBenchmark(indicator, point, { label, value: average.value });
    }
    const denominator = funnelDenominator(indicator, point);
    if (denominator !== null) return compareWithFunnel(indicator, point, label, average.value, denominator, overdispersion);
    const fallback = compareWithBenchmark(indicator, point, { label, value: average.value });
    return {
      ...fallback,
      method: `no counts for a funnel: ${fallback.method}`,
    };
  });
  const ranked = rankComparisons(indicator.polarity, compared);
  const subject = subjectCode ? (ranked.find((m) => m.areaCode === subjectCode) ?? null) : null;
  const period = members[0].period;
  const averageText = average.value === null ? 'no average' : formatMeasure(indicator, average.value);
  const denominators = members.flatMap((point, i) => (compared[i].funnel ? [funnelDenominator(indicator, point) as number] : []));
  return {
    period,
    benchmark: benchmarkResult({ label, value: average.value }),
    members: ranked,
    subject,
    funnel: average.value !== null && denominators.length > 0 ? { indicator, average: average.value, denominators, overdispersion } : null,
    overdispersion,
    method:
      `each member against ${average.text}, by funnel plot control limits at 95% and 99.8% for the member's denominator ` +
      (overdispersion?.adjusted
        ? `(widened for overdispersion: ${overdispersion.technical}); `
        : `(PHEindicatormethods funnel method: Poisson for rates and counts, binomial for percentages${overdispersion ? `; overdispersion: ${overdispersion.technical}` : ''}); `) +
      `ranked best first by polarity, quartile = 1 + floor(4 × (rank − 1) / ranked members)`,
    explanation:
      `${members.length} member${members.length === 1 ? '' : 's'} in ${period.label}, ${label} ${averageText}: ${countOutcomes(ranked)}.` +
      (overdispersion?.adjusted ? ' Areas this size differ by more than chance alone, so only differences beyond that spread are called significant.' : '') +
      (subject && subject.rank !== null
        ? ` ${subject.areaName} ranks ${subject.rank} of ${subject.groupSize} (1 is ${indicator.polarity === 'NO_JUDGEMENT' ? 'highest' : 'best'})` +
          // A group of fewer than 4 has no quarters to speak of (its quartiles skip: 1, 3 for two members).
          ((subject.groupSize as number) >= 4 ? `, in the ${ordinal(subject.quartile as number)} quarter of the group.` : '.')
        : ''),
  };
}

/**
 * The spread beyond chance of the members a group comparison places against funnel limits (rates
 * and percentages with a value and a denominator, around the group average); null where there are
 * none, or for counts and ratios.
 */
function groupOverdispersion(indicator: IndicatorFacts, members: ValuePoint[], average: number | null, choice: OverdispersionChoice): Overdispersion | null {
  if (average === null || (indicator.valueType !== 'RATE' && indicator.valueType !== 'PERCENTAGE')) return null;
  const funnelled = members.flatMap((point) => {
    const denominator = funnelDenominator(indicator, point);
    return point.value !== null && denominator !== null ? [{ value: point.value, denominator }] : [];
  });
  return funnelled.length > 0 ? estimateOverdispersion(indicator, average, funnelled, choice) : null;
}

/**
 * The subject against the average of an ad-hoc list of areas: groupComparison with the list as
 * the group. The subject is always part of the group — added when the list leaves it out — so it
 * has a rank and its funnel limits are around an average that includes it, as a funnel plot's are.
 */
export function compareAreas(
  indicator: IndicatorFacts,
  subject: ValuePoint,
  areas: ValuePoint[],
  options: GroupComparisonOptions = {},
): GroupComparison {
  if (!Array.isArray(areas)) throw new RangeError('compareAreas needs a list of areas');
  const group = areas.some((a) => a.areaCode === subject.areaCode) ? areas : [subject, ...areas];
  const result = groupComparison(indicator, group, subject.areaCode, { ...options, label: options.label ?? 'average of the areas' });
  return result;
}
