/**
 * Fingertips' recent trend: is the indicator moving over its five most recent consecutive
 * non-overlapping points, at 99.8%?
 *
 * Method, as PHE's "Recent trends" technical document for Fingertips describes it:
 * - a chi-squared test for trend with 1 degree of freedom: for proportions the Cochran–Armitage
 *   test on numerators and denominators; for rates and counts a weighted least squares regression
 *   of the values on time with weights 1/SE², SE from Poisson (count: SE² = count; rate =
 *   count / population × multiplier: SE² = count × (multiplier / population)²); the statistic is
 *   slope² / Var(slope) with Var(slope) = 1 / Σ w (t − t̄)²;
 * - significant when the statistic exceeds 9.5495 (χ²₁ at 99.8%, i.e. 3.0902²) and the slope
 *   keeps its sign in all six fits: all five points, and each point left out in turn;
 * - the label by polarity: "Increasing and getting better", ..., "No significant change",
 *   "Cannot be calculated: <reason>".
 *
 * Cochran–Armitage here is the weighted least squares fit of the proportions with binomial
 * weights n / (p̄(1 − p̄)), p̄ the pooled proportion: slope² / Var(slope) is then exactly the
 * textbook T² / Var(T) (the tests check one against the other).
 */
import { normalQuantile } from './confidence';
import { formatMeasure, formatNumber, formatSigned } from './format';
import { matchesPeriodType, periodFromMonths, PeriodType, PERIOD_TYPES } from './periods';
import { DirectionValue, IndicatorFacts, ValuePoint } from './types';
import { checkIndicator, checkPoint } from './validate';

/** How many consecutive points the test needs. */
export const TREND_POINT_COUNT = 5;

/** χ² with 1 degree of freedom at 99.8%: qnorm(0.999)² = 9.5495… */
export const TREND_THRESHOLD = normalQuantile(0.999) ** 2;

const TYPE_PLURALS: Record<PeriodType, string> = {
  MONTH: 'months',
  QUARTER: 'quarters',
  FINANCIAL_YEAR: 'financial years',
  CALENDAR_YEAR: 'calendar years',
  ROLLING_12_MONTHS: 'rolling 12-month periods',
  YEAR_TO_DATE: 'year-to-date periods',
  OTHER: 'periods',
};

export type TrendPointSelection =
  | { ok: true; type: PeriodType; points: ValuePoint[] }
  | {
      ok: false;
      type: PeriodType | null;
      /** The run found, oldest first (fewer than five, or five with a value missing). */
      points: ValuePoint[];
      /** Short, for the label: "needs 5 consecutive non-overlapping points; found 3". */
      reason: string;
      /** A sentence saying where the run stops. */
      detail: string;
    };

function checkSeries(series: ValuePoint[]): void {
  if (!Array.isArray(series)) throw new RangeError('a trend needs a series: a list of points');
  const first = series[0];
  const keys = new Set<string>();
  for (const point of series) {
    if (point.areaCode !== first.areaCode) {
      throw new RangeError(
        `a trend is for one area: the series mixes ${first.areaName} (${first.areaCode}) and ${point.areaName} (${point.areaCode})`,
      );
    }
    if (keys.has(point.period.key)) {
      throw new RangeError(`the series for ${point.areaName} has more than one point for ${point.period.label}`);
    }
    keys.add(point.period.key);
  }
}

/**
 * The series' own period type: that of its latest-ending point, the shortest of those ending
 * together (a month rather than the year to date ending the same month).
 */
function ownType(series: ValuePoint[]): PeriodType {
  const latest = [...series].sort((a, b) => b.period.endMonth - a.period.endMonth || a.period.months - b.period.months)[0];
  return latest.period.type;
}

/**
 * The five most recent consecutive non-overlapping points of one period type (the type given, or
 * the series' own: that of its latest-ending point), oldest first. Consecutive: each starts the
 * month after the previous one ends, with the same length — 5 months, 5 quarters, 5 financial
 * years, or rolling 12 months 12 months apart (12 months to Oct 2022, Oct 2021, …). The run is
 * counted back from the latest point of the type; a point present with a null value stops the
 * test ("a value is missing in …"), a period absent from the series ends the run.
 */
export function selectTrendPoints(series: ValuePoint[], type?: PeriodType | null): TrendPointSelection {
  checkSeries(series);
  if (type !== undefined && type !== null && !PERIOD_TYPES.includes(type)) {
    throw new RangeError(`period type must be one of ${PERIOD_TYPES.join(', ')} (got ${String(type)})`);
  }
  const needs = `needs ${TREND_POINT_COUNT} consecutive non-overlapping points`;
  if (series.length === 0) {
    return { ok: false, type: type ?? null, points: [], reason: `${needs}; found 0`, detail: 'The series is empty.' };
  }
  const chosen = type ?? ownType(series);
  if (chosen === 'YEAR_TO_DATE') {
    return {
      ok: false, type: chosen, points: [], reason: 'year-to-date periods overlap each other',
      detail: 'Year-to-date periods all start in April, so they are not consecutive non-overlapping points; ask for QUARTER or FINANCIAL_YEAR.',
    };
  }
  const candidates = series.filter((p) => matchesPeriodType(p.period, chosen));
  const plural = TYPE_PLURALS[chosen];
  if (candidates.length === 0) {
    return {
      ok: false,
      type: chosen,
      points: [],
      reason: `${needs}; found 0`,
      detail: `The series has no ${plural}.`,
    };
  }
  const byMonths = new Map(candidates.map((p) => [`${p.period.startMonth}/${p.period.endMonth}`, p]));
  const latest = [...candidates].sort(
    (a, b) => b.period.endMonth - a.period.endMonth || a.period.months - b.period.months,
  )[0];
  const run: ValuePoint[] = [latest];
  let gap: string | null = null;
  while (run.length < TREND_POINT_COUNT) {
    const current = run[run.length - 1].period;
    const end = current.startMonth - 1;
    const start = end - current.months + 1;
    const previous = byMonths.get(`${start}/${end}`);
    if (!previous) {
      gap = periodFromMonths(start, end).label;
      break;
    }
    run.push(previous);
  }
  const points = run.reverse();
  if (points.length < TREND_POINT_COUNT) {
    return {
      ok: false,
      type: chosen,
      points,
      reason: `${needs}; found ${points.length}`,
      detail:
        `Counting back from ${latest.period.label}, the series has ${points.length === 1 ? `only that ${plural.replace(/s$/, '')}` : `${points.length} consecutive ${plural}`}: ` +
        `there is nothing for ${gap}.`,
    };
  }
  const missing = points.filter((p) => p.value === null).map((p) => p.period.label);
  if (missing.length > 0) {
    const latestMissing = missing[missing.length - 1];
    return {
      ok: false,
      type: chosen,
      points,
      reason: `a value is missing in ${latestMissing}`,
      detail: `Of the ${TREND_POINT_COUNT} most recent consecutive ${plural}, ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no value.`,
    };
  }
  return { ok: true, type: chosen, points };
}

// ---------------------------------------------------------------------------------------------
// The statistic
// ---------------------------------------------------------------------------------------------

export interface SlopeFit {
  /** Change per period. */
  slope: number;
  /** Var(slope) = 1 / Σ w (t − t̄)², the weights being known inverse variances. */
  variance: number;
  /** slope² / Var(slope). */
  chiSquared: number;
}

/**
 * Weighted least squares slope of y on t with known weights w = 1/SE²:
 * t̄ = Σwt/Σw, ȳ = Σwy/Σw, slope = Σw(t − t̄)(y − ȳ) / Σw(t − t̄)², Var(slope) = 1/Σw(t − t̄)².
 */
export function weightedSlope(times: readonly number[], values: readonly number[], weights: readonly number[]): SlopeFit {
  if (times.length !== values.length || times.length !== weights.length) {
    throw new RangeError('times, values and weights must have the same length');
  }
  if (times.length < 2) throw new RangeError('a slope needs at least two points');
  for (const w of weights) {
    if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`weights must be finite and greater than zero (got ${w})`);
  }
  const sw = weights.reduce((s, w) => s + w, 0);
  const tBar = times.reduce((s, t, i) => s + weights[i] * t, 0) / sw;
  const yBar = values.reduce((s, y, i) => s + weights[i] * y, 0) / sw;
  let stt = 0;
  let sty = 0;
  for (let i = 0; i < times.length; i++) {
    const dt = times[i] - tBar;
    stt += weights[i] * dt * dt;
    sty += weights[i] * dt * (values[i] - yBar);
  }
  if (!(stt > 0)) throw new RangeError('a slope needs at least two different times');
  const slope = sty / stt;
  return { slope, variance: 1 / stt, chiSquared: slope * slope * stt };
}

/**
 * Cochran–Armitage chi-squared for trend in proportions x/n over scores t, as the weighted least
 * squares fit of p = x/n with weights n / (p̄(1 − p̄)), p̄ = Σx/Σn. Throws a RangeError when
 * p̄ is 0 or 1 (nothing varies: the statistic is 0/0). The slope is in proportion per period.
 */
export function cochranArmitage(times: readonly number[], numerators: readonly number[], denominators: readonly number[]): SlopeFit {
  if (times.length !== numerators.length || times.length !== denominators.length) {
    throw new RangeError('times, numerators and denominators must have the same length');
  }
  const x = numerators.reduce((s, v) => s + v, 0);
  const n = denominators.reduce((s, v) => s + v, 0);
  const pBar = x / n;
  if (!(pBar > 0 && pBar < 1)) {
    throw new RangeError(`the pooled proportion is ${pBar === 0 ? '0%' : '100%'}, so there is no variation to test for a trend`);
  }
  const weights = denominators.map((d) => d / (pBar * (1 - pBar)));
  return weightedSlope(times, numerators.map((v, i) => v / denominators[i]), weights);
}

// ---------------------------------------------------------------------------------------------
// The recent trend
// ---------------------------------------------------------------------------------------------

export interface RecentTrend {
  /** Fingertips wording, e.g. "Increasing and getting worse", "Cannot be calculated: …". */
  label: string;
  direction: DirectionValue;
  /** The five points tested, oldest first; what was found when the trend cannot be calculated. */
  points: ValuePoint[];
  /** The period type tested; null when the series is empty and no type was given. */
  type: PeriodType | null;
  /** The statistic for all five points; null when it cannot be calculated. */
  chiSquared: number | null;
  /** Change per period of the fitted line (percentage points for percentages); null when not calculated. */
  slope: number | null;
  significant: boolean;
  method: string;
  explanation: string;
}

interface Fitter {
  method: string;
  fit: (indexes: number[]) => SlopeFit | null;
}

function fitterFor(indicator: IndicatorFacts, points: ValuePoint[], plural: string): Fitter | string {
  const times = points.map((_, i) => i + 1);
  const threshold = formatNumber(TREND_THRESHOLD, 4);
  const rule =
    `significant when above ${threshold} (χ² with 1 degree of freedom at 99.8%) and the slope keeps its sign with each point left out in turn ` +
    `(PHE Fingertips recent trends)`;
  switch (indicator.valueType) {
    case 'PERCENTAGE': {
      if (points.some((p) => p.numerator === null || p.denominator === null)) return 'no counts to weight the points';
      const x = points.map((p) => p.numerator as number);
      const n = points.map((p) => p.denominator as number);
      if (x.every((v) => v === 0)) return 'the percentage is 0% at every point, so there is no variation to test';
      if (x.every((v, i) => v === n[i])) return 'the percentage is 100% at every point, so there is no variation to test';
      return {
        method: `chi-squared test for trend (Cochran–Armitage) on the numerators and denominators of the ${TREND_POINT_COUNT} most recent consecutive ${plural}; ${rule}`,
        fit: (indexes) => {
          const xs = indexes.map((i) => x[i]);
          const ns = indexes.map((i) => n[i]);
          const total = xs.reduce((s, v) => s + v, 0);
          const size = ns.reduce((s, v) => s + v, 0);
          if (total === 0 || total === size) return null; // nothing varies in this subset: no slope
          const fit = cochranArmitage(indexes.map((i) => times[i]), xs, ns);
          return { ...fit, slope: fit.slope * 100, variance: fit.variance * 10000 };
        },
      };
    }
    case 'RATE':
    case 'COUNT': {
      const isRate = indicator.valueType === 'RATE';
      const variances: number[] = [];
      for (const p of points) {
        const count = isRate ? p.numerator : (p.numerator ?? p.value);
        if (count === null || (isRate && p.denominator === null)) return 'no counts to weight the points';
        if (count === 0) return `0 events in ${p.period.label} leave that point no Poisson variance to weight it by`;
        variances.push(isRate ? count * (indicator.multiplier / (p.denominator as number)) ** 2 : count);
      }
      const y = points.map((p) => p.value as number);
      const se = isRate ? 'SE² = count × (multiplier ÷ denominator)²' : 'SE² = count';
      return {
        method:
          `chi-squared test for trend: weighted least squares of the values of the ${TREND_POINT_COUNT} most recent consecutive ${plural} on time, ` +
          `weights 1/SE² with Poisson ${se}, statistic slope² ÷ Var(slope); ${rule}`,
        fit: (indexes) =>
          weightedSlope(
            indexes.map((i) => times[i]),
            indexes.map((i) => y[i]),
            indexes.map((i) => 1 / variances[i]),
          ),
      };
    }
    default:
      return 'no counts to weight the points';
  }
}

const GENERIC_METHOD =
  `PHE Fingertips recent trend: chi-squared test for trend on the ${TREND_POINT_COUNT} most recent consecutive non-overlapping points, significant above ${formatNumber(TREND_THRESHOLD, 4)} (99.8%)`;

function labelFor(indicator: IndicatorFacts, increasing: boolean): { label: string; direction: DirectionValue } {
  const word = increasing ? 'Increasing' : 'Decreasing';
  if (indicator.polarity === 'NO_JUDGEMENT') return { label: word, direction: increasing ? 'INCREASING' : 'DECREASING' };
  const better = (indicator.polarity === 'HIGH_IS_GOOD') === increasing;
  return {
    label: `${word} and getting ${better ? 'better' : 'worse'}`,
    direction: better ? 'IMPROVING' : 'WORSENING',
  };
}

/**
 * Fingertips' recent trend for one area's series (see the file comment for the method). Uses the
 * series' own period type unless `type` is given. Never throws for missing data — that is a
 * "Cannot be calculated" result — but throws RangeErrors for malformed input (points of several
 * areas, two points for one period, negative counts, …).
 */
export function recentTrend(indicator: IndicatorFacts, series: ValuePoint[], type?: PeriodType | null): RecentTrend {
  checkIndicator(indicator);
  if (!Array.isArray(series)) throw new RangeError('a trend needs a series: a list of points');
  for (const point of series) checkPoint(indicator, point);
  const selection = selectTrendPoints(series, type);
  const cannot = (reason: string, detail: string, points: ValuePoint[], method = GENERIC_METHOD): RecentTrend => ({
    label: `Cannot be calculated: ${reason}`,
    direction: 'NO_DATA',
    points,
    type: selection.type,
    chiSquared: null,
    slope: null,
    significant: false,
    method,
    explanation: `The recent trend cannot be calculated: ${reason}. ${detail}`,
  });
  if (!selection.ok) return cannot(selection.reason, selection.detail, selection.points);
  const { points } = selection;
  const plural = TYPE_PLURALS[selection.type];
  const fitter = fitterFor(indicator, points, plural);
  if (typeof fitter === 'string') {
    return cannot(fitter, `The test needs the events behind each of the ${TREND_POINT_COUNT} values.`, points);
  }
  const all = [0, 1, 2, 3, 4];
  const full = fitter.fit(all) as SlopeFit;
  const leftOut = all.map((skip) => ({ skip, fit: fitter.fit(all.filter((i) => i !== skip)) }));
  const sign = Math.sign(full.slope);
  const flip = leftOut.find(({ fit }) => fit === null || Math.sign(fit.slope) !== sign || sign === 0);
  const above = full.chiSquared > TREND_THRESHOLD;
  const significant = above && flip === undefined;

  const first = points[0];
  const last = points[points.length - 1];
  const threshold = formatNumber(TREND_THRESHOLD, 4);
  const chi = formatNumber(full.chiSquared, 3);
  const slopeUnit = indicator.valueType === 'PERCENTAGE' ? ' percentage points' : '';
  const slopeText = `${formatSigned(full.slope, Math.min(10, indicator.decimals + 2))}${slopeUnit}`;
  // Two levels of words: the explanation for a board member (what moved, and whether beyond
  // chance), the method for an analyst (the slope, the statistic, its threshold, the leave-one-out).
  const from = `From ${formatMeasure(indicator, first.value as number)} in ${first.period.label} to ${formatMeasure(indicator, last.value as number)} in ${last.period.label}`;
  const statistic = `slope ${slopeText} per period; chi-squared for trend ${chi} against ${threshold} (99.8%, 1 degree of freedom)`;
  let label: string;
  let direction: DirectionValue;
  let explanation: string;
  let detail: string;
  if (significant) {
    ({ label, direction } = labelFor(indicator, sign > 0));
    explanation = `${from}, the last ${points.length} points ${sign > 0 ? 'rise' : 'fall'} by more than chance would explain: ${label.toLowerCase()}.`;
    detail = `${statistic}, above it, and the slope stays ${sign > 0 ? 'positive' : 'negative'} with each point left out in turn`;
  } else {
    label = 'No significant change';
    direction = 'NO_CHANGE';
    explanation = `${from}, the last ${points.length} points do not move by more than chance would explain: no significant change.`;
    detail = !above
      ? `${statistic}, not above it`
      : `${statistic}, above it, but the slope ${flip?.fit === null ? 'vanishes' : 'changes sign'} when ${points[flip!.skip].period.label} is left out`;
  }
  return {
    label,
    direction,
    points,
    type: selection.type,
    chiSquared: full.chiSquared,
    slope: full.slope,
    significant,
    method: `${fitter.method}: ${detail}`,
    explanation,
  };
}
