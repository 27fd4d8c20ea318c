/**
 * Direction of travel: has an indicator got better, worse or stayed the same between two periods,
 * and is the change more than chance? Pure functions of numbers: no I/O, no dependencies.
 *
 * Significance, where the data give counts (two-sided, at 95% unless options.confidence says otherwise):
 * - COUNT: an exact test of two Poisson counts, conditional on their total: under "no change" the
 *   later count is Binomial(total, ½) for periods of equal length (the only ones comparable for counts).
 *   Exact rather than a normal approximation because dashboard counts are often small (a few
 *   dozen first time entrants), where the approximation is poor; it is cheap (see exactPoissonComparison).
 * - RATE with numerators and denominators: the same test with the denominators as exposure: the
 *   later count is Binomial(total, d₂ / (d₁ + d₂)) when the two rates are equal (Breslow & Day
 *   1987, §2.4; R's poisson.test for two samples). Periods are of equal length, so population is
 *   proportional to person-time.
 * - PERCENTAGE with numerators and denominators: the two-proportion z-test with a pooled standard
 *   error (R's prop.test without continuity correction), the standard test for a change in a
 *   proportion between two independent samples. Chosen over "Wilson 95% limits do not overlap"
 *   because non-overlap of two 95% intervals is a much stricter test (about 99.5% for similar
 *   widths), so real changes would be called "no change". Where any expected cell is under 5
 *   (Cochran's rule), the z-test is unreliable and Fisher's exact test is used instead.
 * - RATIO: no test (a ratio need not be a Poisson count over an exposure).
 * - Periods that share months (allowed only with options.allowOverlap) are never tested: the two
 *   values share events, so they are not independent.
 * A change that is not significant is NO_CHANGE.
 *
 * Where no test is possible (no counts, which is usual for a published dashboard), a fixed band
 * decides: a change of less than 1% of the earlier value (NO_CHANGE_BAND_PERCENT) is NO_CHANGE;
 * for percentages, less than 0.5 percentage points (NO_CHANGE_BAND_POINTS), because percentages are
 * read in points (a relative band makes 2.0% → 2.1% a "5% change") and the "% reduction" kind can be
 * near zero or negative, where a relative change means nothing. Both bands are below the
 * resolution dashboards print (1 decimal for percentages, 2 for rates), so they only stop a
 * rounding-sized wobble being called a change.
 */
import { comparability, ComparabilityOptions } from './comparability';
import { confidenceFraction, regularizedGamma } from './confidence';
import { formatMeasure, formatSigned, percentText, tidy, upperFirst } from './format';
import { comparePeriods, periodFromMonths, periodsOverlap } from './periods';
import { DirectionValue, IndicatorFacts, Polarity, ValuePoint } from './types';
import { checkIndicator, checkPoint } from './validate';

export interface DirectionOfTravel {
  direction: DirectionValue;
  /** ↑ improving or increasing, ↓ worsening or decreasing, → no change, '' not comparable or no data. */
  arrow: string;
  /** Later value minus earlier; null when not comparable or no data. */
  change: number | null;
  /** change as a percentage of the earlier value; null when that is zero, or not comparable or no data. */
  percentChange: number | null;
  comparable: boolean;
  /** null when no significance test was possible. */
  significant: boolean | null;
  /** Two-sided p-value of the test; null when there was none. */
  pValue: number | null;
  method: string;
  explanation: string;
}

export interface DirectionOptions extends ComparabilityOptions {
  /** Confidence level of the significance test, 0.95 (default) or e.g. 0.998; 95 and 99.8 also work. */
  confidence?: number;
}

/** Without a significance test, a change smaller than this percentage of the earlier value is no change. */
export const NO_CHANGE_BAND_PERCENT = 1;
/** Without a significance test, a percentage that moves by less than this many points has not changed. */
export const NO_CHANGE_BAND_POINTS = 0.5;

const ARROWS: Record<DirectionValue, string> = {
  IMPROVING: '↑',
  WORSENING: '↓',
  NO_CHANGE: '→',
  INCREASING: '↑',
  DECREASING: '↓',
  NOT_COMPARABLE: '',
  NO_DATA: '',
};

export function arrowFor(direction: DirectionValue): string {
  return ARROWS[direction];
}

// ---------------------------------------------------------------------------------------------
// Significance tests
// ---------------------------------------------------------------------------------------------

export interface SignificanceTest {
  /** Two-sided p-value. */
  pValue: number;
  /** Short name of the test, e.g. "Exact test of two Poisson counts (conditional binomial)". */
  method: string;
}

/** Terms below this fraction of the most likely one are left out of exact sums (they change p by less than 1e-35). */
const NEGLIGIBLE_TERM = 1e-40;
/** R's binom.test and fisher.test count outcomes as "as extreme" when within this relative tolerance. */
const RELATIVE_TOLERANCE = 1 + 1e-7;
/**
 * Above this standard deviation the exact sum would take millions of steps; the normal
 * approximation is then used. Its error is at most 0.4748 (p² + q²) / sd (Berry–Esseen, Shevtsova
 * 2011), under 5e-6 here: it could only matter for a p-value within 5e-6 of 0.05.
 */
const EXACT_MAX_SD = 1e5;

/**
 * Two-sided p-value of a unimodal discrete distribution on lo..hi: the total probability of the
 * outcomes no more likely than x (the convention of R's binom.test and fisher.test).
 * ratio(k) = P(k + 1) / P(k). Walks out from the mode with terms relative to it, so no factorials
 * are formed and nothing overflows; stops where terms become negligible.
 */
function exactTwoSidedP(x: number, lo: number, hi: number, mode: number, ratio: (k: number) => number): number {
  const walk = (visit: (k: number, term: number) => void): void => {
    visit(mode, 1);
    let term = 1;
    for (let k = mode; k < hi; k++) {
      term *= ratio(k);
      if (term < NEGLIGIBLE_TERM) break;
      visit(k + 1, term);
    }
    term = 1;
    for (let k = mode; k > lo; k--) {
      term /= ratio(k - 1);
      if (term < NEGLIGIBLE_TERM) break;
      visit(k - 1, term);
    }
  };
  let total = 0;
  let observed = 0; // stays 0 when x is too unlikely to be visited: p is then below 1e-35
  walk((k, term) => {
    total += term;
    if (k === x) observed = term;
  });
  const threshold = observed * RELATIVE_TOLERANCE;
  let asExtreme = 0;
  walk((_k, term) => {
    if (term <= threshold) asExtreme += term;
  });
  return Math.min(1, asExtreme / total);
}

/** P(|Z| ≥ z) for a standard normal Z, via the incomplete gamma function: erfc(z/√2) = Q(½, z²/2). */
function twoSidedNormalP(z: number): number {
  if (!(Math.abs(z) > 0)) return 1;
  return regularizedGamma(0.5, (z * z) / 2).upper;
}

function checkWholeCount(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of events, zero or more, for an exact test (got ${String(value)})`);
  }
}

function checkExposure(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number greater than zero (got ${String(value)})`);
  }
}

/**
 * Are two Poisson counts, observed over exposures e₁ and e₂ (population × time; equal for two
 * periods of the same length), consistent with one underlying rate? Conditional on the total
 * n = x₁ + x₂ the second count is Binomial(n, e₂ / (e₁ + e₂)) when the rates are equal, so the
 * exact two-sided binomial test applies (R: binom.test(x2, x1 + x2, e2 / (e1 + e2)), or
 * poisson.test(c(x2, x1), c(e2, e1))). For counts whose binomial standard deviation exceeds 10⁵
 * (totals above about 4 × 10¹⁰ for equal exposures) the normal approximation with continuity
 * correction is used instead.
 */
export function exactPoissonComparison(count1: number, count2: number, exposure1 = 1, exposure2 = 1): SignificanceTest {
  checkWholeCount('the earlier count', count1);
  checkWholeCount('the later count', count2);
  checkExposure('the earlier exposure (denominator)', exposure1);
  checkExposure('the later exposure (denominator)', exposure2);
  const equalExposure = exposure1 === exposure2;
  const method = equalExposure
    ? 'Exact test of two Poisson counts (conditional binomial)'
    : 'Exact test of two Poisson rates (conditional binomial, denominators as exposure)';
  const n = count1 + count2;
  if (n === 0) return { pValue: 1, method };
  const p = exposure2 / (exposure1 + exposure2);
  const q = exposure1 / (exposure1 + exposure2);
  const sd = Math.sqrt(n * p * q);
  if (sd > EXACT_MAX_SD) {
    const z = Math.max(0, Math.abs(count2 - n * p) - 0.5) / sd;
    return {
      pValue: twoSidedNormalP(z),
      method: `Normal approximation to the test of two Poisson ${equalExposure ? 'counts' : 'rates'} (very large counts)`,
    };
  }
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const odds = p / q;
  return { pValue: exactTwoSidedP(count2, 0, n, mode, (k) => ((n - k) / (k + 1)) * odds), method };
}

/**
 * Has a proportion changed between two independent samples (x₁ of n₁, then x₂ of n₂)?
 * The two-proportion z-test with pooled standard error, z = (p₂ − p₁) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)),
 * as R's prop.test(correct = FALSE). Where an expected count n·p̄ or n·(1 − p̄) is under 5 in either
 * sample the normal approximation is poor, and Fisher's exact test is used (R's fisher.test,
 * two-sided); that needs whole numbers.
 */
export function twoProportionComparison(
  numerator1: number,
  denominator1: number,
  numerator2: number,
  denominator2: number,
): SignificanceTest {
  checkProportion('earlier', numerator1, denominator1);
  checkProportion('later', numerator2, denominator2);
  const pooled = (numerator1 + numerator2) / (denominator1 + denominator2);
  const smallestExpected = Math.min(denominator1, denominator2) * Math.min(pooled, 1 - pooled);
  if (smallestExpected >= 5 || pooled === 0 || pooled === 1) {
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / denominator1 + 1 / denominator2));
    const z = se === 0 ? 0 : (numerator2 / denominator2 - numerator1 / denominator1) / se;
    return { pValue: twoSidedNormalP(z), method: 'Two-proportion z-test (pooled)' };
  }
  for (const [name, value] of [['earlier numerator', numerator1], ['earlier denominator', denominator1],
    ['later numerator', numerator2], ['later denominator', denominator2]] as const) {
    if (!Number.isInteger(value)) {
      throw new RangeError(
        `the ${name} must be a whole number for Fisher's exact test, which is needed because an expected count is under 5 (got ${value})`,
      );
    }
  }
  // Hypergeometric: x₁ successes in sample 1, given m successes in all and the sample sizes.
  const m = numerator1 + numerator2;
  const n1 = denominator1;
  const n2 = denominator2;
  const lo = Math.max(0, m - n2);
  const hi = Math.min(m, n1);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((n1 + 1) * (m + 1)) / (n1 + n2 + 2))));
  const pValue = exactTwoSidedP(numerator1, lo, hi, mode, (k) => ((n1 - k) * (m - k)) / ((k + 1) * (n2 - m + k + 1)));
  return { pValue, method: "Fisher's exact test (expected counts under 5)" };
}

function checkProportion(which: string, numerator: number, denominator: number): void {
  if (typeof numerator !== 'number' || !Number.isFinite(numerator) || numerator < 0) {
    throw new RangeError(`the ${which} numerator must be a finite number, zero or more (got ${String(numerator)})`);
  }
  checkExposure(`the ${which} denominator`, denominator);
  if (numerator > denominator) {
    throw new RangeError(
      `the ${which} numerator must be less than or equal to its denominator for a proportion (got ${numerator} of ${denominator})`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Values and wording
// ---------------------------------------------------------------------------------------------

/**
 * The value of a point: as published, or else computed from its counts
 * (numerator / denominator × multiplier; the numerator itself for a count). null when neither.
 */
export function pointValue(indicator: IndicatorFacts, point: ValuePoint | null): number | null {
  if (point === null) return null;
  if (point.value !== null) return point.value;
  if (point.numerator !== null && point.denominator !== null) {
    return (point.numerator / point.denominator) * indicator.multiplier;
  }
  if (indicator.valueType === 'COUNT' && point.numerator !== null) return point.numerator;
  return null;
}

function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

// ---------------------------------------------------------------------------------------------
// Direction of travel
// ---------------------------------------------------------------------------------------------

type TestChoice = { test: SignificanceTest; estimateChange: number } | { test: null; why: string; short: string };

/** Which test the data allow, or why none. Both points have values; the periods are comparable. */
function chooseTest(indicator: IndicatorFacts, from: ValuePoint, to: ValuePoint, fromValue: number, toValue: number): TestChoice {
  if (periodsOverlap(from.period, to.period)) {
    const shared = periodFromMonths(
      Math.max(from.period.startMonth, to.period.startMonth),
      Math.min(from.period.endMonth, to.period.endMonth),
    );
    return { test: null, why: `the two periods share ${shared.label}, so their values are not independent`, short: 'periods overlap' };
  }
  const notWhole = 'the counts are not whole numbers, which the exact test needs';
  const fractional = { test: null, why: notWhole, short: 'counts not whole numbers' } as const;
  switch (indicator.valueType) {
    case 'COUNT': {
      const c1 = from.numerator ?? fromValue;
      const c2 = to.numerator ?? toValue;
      if (!Number.isInteger(c1) || !Number.isInteger(c2)) return fractional;
      return { test: exactPoissonComparison(c1, c2), estimateChange: c2 - c1 };
    }
    case 'RATE': {
      const missing = missingCounts(from, to);
      if (missing) return missing;
      const [x1, d1, x2, d2] = [from.numerator!, from.denominator!, to.numerator!, to.denominator!];
      if (!Number.isInteger(x1) || !Number.isInteger(x2)) return fractional;
      return { test: exactPoissonComparison(x1, x2, d1, d2), estimateChange: x2 / d2 - x1 / d1 };
    }
    case 'PERCENTAGE': {
      const missing = missingCounts(from, to);
      if (missing) return missing;
      const [x1, n1, x2, n2] = [from.numerator!, from.denominator!, to.numerator!, to.denominator!];
      const pooled = (x1 + x2) / (n1 + n2);
      const small = Math.min(n1, n2) * Math.min(pooled, 1 - pooled) < 5 && pooled > 0 && pooled < 1;
      if (small && ![x1, n1, x2, n2].every(Number.isInteger)) {
        return {
          test: null,
          why: `there are too few cases for the z-test and ${notWhole.replace('the exact test', "Fisher's exact test")}`,
          short: 'too few cases, counts not whole numbers',
        };
      }
      return { test: twoProportionComparison(x1, n1, x2, n2), estimateChange: x2 / n2 - x1 / n1 };
    }
    default:
      return { test: null, why: 'there is no significance test for a ratio', short: 'ratio' };
  }
}

function missingCounts(from: ValuePoint, to: ValuePoint): { test: null; why: string; short: string } | null {
  const hasNumerators = from.numerator !== null && to.numerator !== null;
  const hasDenominators = from.denominator !== null && to.denominator !== null;
  if (hasNumerators && hasDenominators) return null;
  if (from.numerator === null && to.numerator === null) return { test: null, why: 'the dashboard gives no counts', short: 'no counts' };
  if (!hasNumerators) {
    return { test: null, why: `there is no count for ${(from.numerator === null ? from : to).period.label}`, short: 'a count missing' };
  }
  return { test: null, why: 'the dashboard gives no denominators', short: 'no denominators' };
}

/** In a phrase, why two periods are not comparable, for `method`. */
function incomparability(from: ValuePoint, to: ValuePoint, indicator: IndicatorFacts): string {
  const a = from.period;
  const b = to.period;
  if (a.startMonth === b.startMonth && a.endMonth === b.endMonth) return 'the same period';
  const problems: string[] = [];
  if (a.months !== b.months && indicator.valueType !== 'PERCENTAGE') problems.push('periods differ in length');
  if (periodsOverlap(a, b)) {
    const sharedMonths = Math.min(a.endMonth, b.endMonth) - Math.max(a.startMonth, b.startMonth) + 1;
    problems.push(sharedMonths === Math.min(a.months, b.months) ? 'one period lies within the other' : 'periods overlap');
  }
  return problems.join(', ');
}

function judgementWords(direction: DirectionValue, polarity: Polarity): string {
  const because = polarity === 'LOW_IS_GOOD' ? 'because lower is better' : 'because higher is better';
  switch (direction) {
    case 'IMPROVING':
      return `improving, ${because}`;
    case 'WORSENING':
      return `worsening, ${because}`;
    case 'INCREASING':
      return 'increasing; neither direction is better for this indicator';
    case 'DECREASING':
      return 'decreasing; neither direction is better for this indicator';
    default:
      return 'no change';
  }
}

function directionOf(change: number, polarity: Polarity): DirectionValue {
  if (change === 0) return 'NO_CHANGE';
  if (polarity === 'NO_JUDGEMENT') return change > 0 ? 'INCREASING' : 'DECREASING';
  return (change > 0) === (polarity === 'HIGH_IS_GOOD') ? 'IMPROVING' : 'WORSENING';
}

function result(
  direction: DirectionValue,
  fields: Omit<DirectionOfTravel, 'direction' | 'arrow'>,
): DirectionOfTravel {
  return { direction, arrow: arrowFor(direction), ...fields };
}

/**
 * Direction of travel of an indicator from an earlier value to a later one, judged by its polarity,
 * with a significance test where the counts allow one (see the top of this file) and a no-change
 * band where they do not. Comparability of the periods comes from `comparability`.
 * Throws a RangeError for impossible inputs (negative counts, a numerator above its denominator for
 * a percentage, the earlier value after the later, two different areas).
 */
export function directionOfTravel(
  indicator: IndicatorFacts,
  from: ValuePoint | null,
  to: ValuePoint | null,
  options: DirectionOptions = {},
): DirectionOfTravel {
  checkIndicator(indicator);
  const confidence = confidenceFraction(options.confidence ?? 0.95);
  if (from) checkPoint(indicator, from);
  if (to) checkPoint(indicator, to);
  if (from && to && from.areaCode !== to.areaCode) {
    throw new RangeError(
      `${indicator.name}: a direction of travel compares one area over time, not ${from.areaName} (${from.areaCode}) with ${to.areaName} (${to.areaCode})`,
    );
  }
  if (from && to && comparePeriods(from.period, to.period) > 0) {
    throw new RangeError(
      `${indicator.name}: the earlier value's period (${from.period.label}) must not come after the later value's (${to.period.label})`,
    );
  }
  const name = indicator.name;
  const fromValue = pointValue(indicator, from);
  const toValue = pointValue(indicator, to);
  const show = (v: number): string => formatMeasure(indicator, v, 'unless-in-name');

  if (fromValue === null || toValue === null) {
    const describe = (point: ValuePoint | null, role: string): string =>
      point ? `${point.period.label}, the ${role} period` : `the ${role} period`;
    let missing: string;
    if (fromValue === null && toValue === null) {
      missing = from && to ? `there are no values for ${from.period.label} or ${to.period.label}` : 'there are no values to compare';
    } else if (fromValue === null) {
      missing = `there is no value for ${describe(from, 'earlier')} (${to!.period.label} is ${show(toValue!)})`;
    } else {
      missing = `there is no value for ${describe(to, 'later')} (${from!.period.label} is ${show(fromValue)})`;
    }
    return result('NO_DATA', {
      change: null, percentChange: null, comparable: false, significant: null, pValue: null,
      method: 'None: no data',
      explanation: `No direction of travel for ${name}: ${missing}.`,
    });
  }
  const earlier = from!;
  const later = to!;

  const periods = comparability(earlier.period, later.period, indicator.valueType, options);
  if (!periods.comparable) {
    return result('NOT_COMPARABLE', {
      change: null, percentChange: null, comparable: false, significant: null, pValue: null,
      method: `Not compared: ${incomparability(earlier, later, indicator)}`,
      explanation:
        `${name} cannot be compared between ${earlier.period.label} (${show(fromValue)}) and ` +
        `${later.period.label} (${show(toValue)}): ${periods.reason}.`,
    });
  }

  const change = tidy(toValue - fromValue);
  const percentChange = fromValue === 0 ? null : tidy(((toValue - fromValue) / Math.abs(fromValue)) * 100);
  const isPercentage = indicator.valueType === 'PERCENTAGE';
  const changeText = isPercentage
    ? `${formatSigned(change, indicator.decimals)} percentage points`
    : percentChange !== null
      ? `${formatSigned(percentChange, 1)}%`
      : formatSigned(change, indicator.decimals);
  const movement =
    change === 0
      ? `${name} was ${show(toValue)} in both ${earlier.period.label} and ${later.period.label}`
      : `${name} ${change > 0 ? 'rose' : 'fell'} from ${show(fromValue)} in ${earlier.period.label} to ` +
        `${show(toValue)} in ${later.period.label} (${changeText})`;
  const note = periods.note && !periodsOverlap(earlier.period, later.period) ? ` ${upperFirst(periods.note)}.` : '';
  const level = percentText(confidence);
  const moved = directionOf(change, indicator.polarity);

  const choice = chooseTest(indicator, earlier, later, fromValue, toValue);
  if (choice.test) {
    const { pValue, method: testName } = choice.test;
    const method = `${testName}, ${level} (${pText(pValue)})`;
    const agrees = Math.sign(choice.estimateChange) === Math.sign(change);
    const significant = pValue < 1 - confidence && agrees && change !== 0;
    if (significant) {
      return result(moved, {
        change, percentChange, comparable: true, significant: true, pValue, method,
        explanation: `${movement}: ${judgementWords(moved, indicator.polarity)}, by more than chance would explain (${level} confidence).${note}`,
      });
    }
    const why = change === 0
      ? `${movement}: no change.`
      : agrees || choice.estimateChange === 0
        ? `${movement}, but the change is within what chance would explain: no change.`
        : `${movement}, but the counts behind it move the other way, so the change is within what chance would explain: no change.`;
    return result('NO_CHANGE', {
      change, percentChange, comparable: true, significant: false, pValue, method, explanation: `${why}${note}`,
    });
  }

  const band = isPercentage
    ? { inside: Math.abs(change) < NO_CHANGE_BAND_POINTS, text: `${NO_CHANGE_BAND_POINTS} percentage points` }
    : { inside: percentChange === null ? change === 0 : Math.abs(percentChange) < NO_CHANGE_BAND_PERCENT, text: `${NO_CHANGE_BAND_PERCENT}%` };
  const method = `No significance test (${choice.short}); changes under ${band.text} count as no change`;
  const noTest = `no significance test was possible: ${choice.why}`;
  if (band.inside) {
    const explanation = change === 0
      ? `${movement}: no change; ${noTest}.${note}`
      : `${movement}: no change, because the change is less than ${band.text} and ${noTest}.${note}`;
    return result('NO_CHANGE', { change, percentChange, comparable: true, significant: null, pValue: null, method, explanation });
  }
  return result(moved, {
    change, percentChange, comparable: true, significant: null, pValue: null, method,
    explanation: `${movement}: ${judgementWords(moved, indicator.polarity)}. ${upperFirst(noTest)}.${note}`,
  });
}
