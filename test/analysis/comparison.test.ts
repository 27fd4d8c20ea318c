import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compareAreas,
  compareWithBenchmark,
  Comparison,
  districtComparison,
  FUNNEL_CURVE_POINTS,
  funnelCurve,
  funnelLimits,
  groupComparison,
  limitsOf,
  poissonFunnelEvents,
  proportionFunnelLimits,
  quartileOf,
} from '../../src/analysis/comparison';
import {
  chiSquaredQuantile,
  countInterval,
  exactPoissonInterval,
  byarInterval,
  normalQuantile,
  proportionInterval,
  rateInterval,
  wilsonInterval,
} from '../../src/analysis/confidence';
import { monthIndex, periodFromMonths, PeriodInfo } from '../../src/analysis/periods';
import { IndicatorFacts, Polarity, ValuePoint } from '../../src/analysis/types';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

function indicator(valueType: IndicatorFacts['valueType'], polarity: Polarity = 'LOW_IS_GOOD'): IndicatorFacts {
  const facts = {
    COUNT: { unit: null, multiplier: 1, decimals: 0 },
    RATE: { unit: 'per 1,000', multiplier: 1000, decimals: 1 },
    PERCENTAGE: { unit: '%', multiplier: 100, decimals: 1 },
    RATIO: { unit: null, multiplier: 1, decimals: 2 },
  }[valueType];
  return { name: `test ${valueType.toLowerCase()}`, valueType, polarity, ...facts };
}

const YEAR: PeriodInfo = periodFromMonths(monthIndex(2022, 4), monthIndex(2023, 3));
const OTHER_YEAR: PeriodInfo = periodFromMonths(monthIndex(2021, 4), monthIndex(2022, 3));

function area(name: string, value: number | null, extra: Partial<ValuePoint> = {}): ValuePoint {
  return { areaName: name, areaCode: `E-${name}`, period: YEAR, value, numerator: null, denominator: null, ...extra };
}

/** A rate per 1,000 from counts. */
function rateArea(name: string, events: number, population: number): ValuePoint {
  return area(name, (events / population) * 1000, { numerator: events, denominator: population });
}

/** A percentage from counts. */
function percentArea(name: string, events: number, cohort: number): ValuePoint {
  return area(name, (events / cohort) * 100, { numerator: events, denominator: cohort });
}

/** Charnwood with published limits only, as in the explanation example. */
const charnwood = area('Charnwood', 78.2, { lowerCI95: 76.9, upperCI95: 79.5, lowerCI998: 76.0, upperCI998: 80.4 });

function close(actual: number | null | undefined, expected: number, relative = 1e-9, message = ''): void {
  assert.ok(typeof actual === 'number', `${message} expected a number, got ${String(actual)}`);
  const scale = Math.max(1e-300, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= relative * scale, `${message} expected ${expected}, got ${actual}`);
}

/** The next double below x (x > 0). */
function nextDown(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}

function nextUp(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + 1n);
  return view.getFloat64(0);
}

// ---------------------------------------------------------------------------------------------
// Independent computations
// ---------------------------------------------------------------------------------------------

/** Poisson P(X ≤ k | μ) by summing the probability mass function, no gamma functions. */
function poissonCdf(k: number, mu: number): number {
  let term = Math.exp(-mu);
  let sum = term;
  for (let j = 1; j <= k; j++) {
    term *= mu / j;
    sum += term;
  }
  return sum;
}

/** Byar's limits written out (Breslow & Day 1987). */
function byar(k: number, z: number): { lower: number; upper: number } {
  const lower = k * (1 - 1 / (9 * k) - z / (3 * Math.sqrt(k))) ** 3;
  const upper = (k + 1) * (1 - 1 / (9 * (k + 1)) + z / (3 * Math.sqrt(k + 1))) ** 3;
  return { lower, upper };
}

const Z = { 0.95: 1.959963984540054, 0.998: 3.090232306167814 } as const;

/**
 * phe_funnel_significance / assign_funnel_significance for a crude rate, restated: the member is
 * high when its own lower confidence limit (exact below 10 events, Byar from 10) is above the
 * average, low when its upper limit is below it. Exact limits through the Poisson sums:
 * lower(k) > μ ⇔ P(X ≥ k | μ) < tail; upper(k) < μ ⇔ P(X ≤ k | μ) < tail.
 */
function packageSignificance(k: number, mu: number): 'High (0.001)' | 'High (0.025)' | 'Low (0.001)' | 'Low (0.025)' | 'Not significant' {
  const high = (level: 0.95 | 0.998): boolean =>
    k < 10 ? k > 0 && 1 - poissonCdf(k - 1, mu) < (1 - level) / 2 : byar(k, Z[level]).lower > mu;
  const low = (level: 0.95 | 0.998): boolean =>
    k < 10 ? poissonCdf(k, mu) < (1 - level) / 2 : byar(k, Z[level]).upper < mu;
  if (high(0.998)) return 'High (0.001)';
  if (high(0.95)) return 'High (0.025)';
  if (low(0.998)) return 'Low (0.001)';
  if (low(0.95)) return 'Low (0.025)';
  return 'Not significant';
}

/** PHEindicatormethods' sigma_adjustment (R/Funnels.R) exactly as the package writes it. */
function sigmaAdjustment(p: number, population: number, average: number, side: 'low' | 'high', multiplier: number): number {
  const q = normalQuantile(p);
  const firstPart = average * (population / q ** 2 + 1);
  const adj = Math.sqrt(
    (-8 * average * (population / q ** 2 + 1)) ** 2 -
      64 * (1 / q ** 2 + 1 / population) * average * (population * (average * (population / q ** 2 + 2) - 1) + q ** 2 * (average - 1)),
  );
  const lastPart = 1 / q ** 2 + 1 / population;
  const value = side === 'low' ? (firstPart - adj / 8) / lastPart : (firstPart + adj / 8) / lastPart;
  return (value / population) * multiplier;
}

function outcomeCode(c: Comparison): string {
  if (c.level === null) return 'Not significant';
  // Significant means outside the limits around the average, so the side is the value's side of it.
  const side = (c.value as number) > (c.benchmark.value as number) ? 'High' : 'Low';
  return `${side} (${c.level === 0.998 ? '0.001' : '0.025'})`;
}

// ---------------------------------------------------------------------------------------------
// limitsOf
// ---------------------------------------------------------------------------------------------

describe('limitsOf', () => {
  test('published limits where given, at the level asked for', () => {
    assert.deepEqual(limitsOf(indicator('RATE'), charnwood, 0.95), {
      lower: 76.9, upper: 79.5, confidence: 0.95, source: 'published', method: 'published',
    });
    assert.deepEqual(limitsOf(indicator('RATE'), charnwood, 99.8), {
      lower: 76.0, upper: 80.4, confidence: 0.998, source: 'published', method: 'published',
    });
  });

  test('published limits win over counts; counts fill the level not published', () => {
    const both = { ...rateArea('Blaby', 500, 100000), lowerCI95: 1, upperCI95: 2 };
    assert.equal(limitsOf(indicator('RATE'), both, 0.95)?.lower, 1);
    const computed = limitsOf(indicator('RATE'), both, 0.998);
    assert.equal(computed?.source, 'computed');
    close(computed?.lower, rateInterval(500, 100000, 0.998, 1000).lower, 1e-15);
  });

  test('computed from counts: exact Poisson under 10 events, Byar from 10, rates, Wilson × 100', () => {
    const small = limitsOf(indicator('COUNT'), area('Melton', 5), 0.95);
    assert.equal(small?.method, 'exact Poisson');
    close(small?.upper, exactPoissonInterval(5, 0.95).upper, 1e-15);
    const large = limitsOf(indicator('COUNT'), area('Melton', 50, { numerator: 50 }), 0.998);
    assert.equal(large?.method, "Byar's method");
    close(large?.lower, byar(50, Z[0.998]).lower, 1e-12);
    const rate = limitsOf(indicator('RATE'), rateArea('Blaby', 1234, 101000), 0.95);
    close(rate?.lower, (byar(1234, Z[0.95]).lower / 101000) * 1000, 1e-12);
    close(rate?.upper, (byar(1234, Z[0.95]).upper / 101000) * 1000, 1e-12);
    const percent = limitsOf(indicator('PERCENTAGE'), percentArea('Oadby', 45, 120), 0.95);
    assert.equal(percent?.method, 'Wilson score');
    close(percent?.lower, wilsonInterval(45, 120, 0.95).lower * 100, 1e-14);
    close(percent?.upper, proportionInterval(45, 120, 0.95, 100).upper, 1e-14);
  });

  test('null when there is nothing to compute from', () => {
    assert.equal(limitsOf(indicator('RATIO'), area('Hinckley', 1.2), 0.95), null);
    assert.equal(limitsOf(indicator('RATE'), area('Hinckley', 45.1), 0.95), null);
    assert.equal(limitsOf(indicator('PERCENTAGE'), area('Hinckley', 45.1, { numerator: 4 }), 0.95), null);
    assert.equal(limitsOf(indicator('COUNT'), area('Hinckley', null), 0.95), null);
  });

  test('rejects reversed limits, a bad confidence level, a numerator above the denominator', () => {
    assert.throws(() => limitsOf(indicator('RATE'), area('Blaby', 5, { lowerCI95: 7, upperCI95: 6 }), 0.95), {
      name: 'RangeError',
      message: 'test rate, Blaby 2022-23: lower 95% limit must be less than or equal to upper 95% limit (got lower 7, upper 6)',
    });
    assert.throws(() => limitsOf(indicator('RATE'), charnwood, 0.5), {
      name: 'RangeError',
      message: 'confidence level must be between 90 and 100 or between 0.9 and 1 (got 0.5)',
    });
    assert.throws(() => limitsOf(indicator('PERCENTAGE'), percentArea('Blaby', 12, 10), 0.95), {
      name: 'RangeError',
      message: 'test percentage, Blaby 2022-23: numerator must be less than or equal to denominator for a percentage (got numerator 12, denominator 10)',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// compareWithBenchmark
// ---------------------------------------------------------------------------------------------

describe('compareWithBenchmark: overlapping confidence intervals', () => {
  const leicestershire = (value: number | null) => ({ label: 'Leicestershire', value });

  test('the worked example: significant at 99.8%', () => {
    const result = compareWithBenchmark(indicator('RATE'), charnwood, leicestershire(70.1));
    assert.equal(result.outcome, 'WORSE');
    assert.equal(result.level, 0.998);
    close(result.difference, 8.1, 1e-12);
    close(result.percentDifference, (8.1 / 70.1) * 100, 1e-12);
    // The explanation in plain words (8.1 / 70.1 = 11.55%, printed to one decimal); the intervals in the method.
    assert.equal(
      result.explanation,
      "Charnwood, 78.2 per 1,000, is 11.6% higher than Leicestershire's 70.1: worse, by more than chance would explain (99.8% confidence).",
    );
    assert.equal(
      result.method,
      '95% and 99.8% confidence intervals (published) against the benchmark value: significant when the interval excludes it. ' +
        'Charnwood 78.2 per 1,000 (95% CI 76.9–79.5; 99.8% CI 76.0–80.4) against Leicestershire 70.1: the 99.8% interval excludes it',
    );
  });

  test('polarity decides BETTER or WORSE; NO_JUDGEMENT says HIGHER or LOWER', () => {
    assert.equal(compareWithBenchmark(indicator('RATE', 'HIGH_IS_GOOD'), charnwood, leicestershire(70.1)).outcome, 'BETTER');
    assert.equal(compareWithBenchmark(indicator('RATE', 'LOW_IS_GOOD'), charnwood, leicestershire(90)).outcome, 'BETTER');
    assert.equal(compareWithBenchmark(indicator('RATE', 'HIGH_IS_GOOD'), charnwood, leicestershire(90)).outcome, 'WORSE');
    const neutral = compareWithBenchmark(indicator('RATE', 'NO_JUDGEMENT'), charnwood, leicestershire(70.1));
    assert.equal(neutral.outcome, 'HIGHER');
    assert.equal(
      neutral.explanation,
      "Charnwood, 78.2 per 1,000, is 11.6% higher than Leicestershire's 70.1, by more than chance would explain (99.8% confidence); " +
        'higher or lower is neither better nor worse for this indicator.',
    );
    assert.equal(compareWithBenchmark(indicator('RATE', 'NO_JUDGEMENT'), charnwood, leicestershire(90)).outcome, 'LOWER');
  });

  test('boundaries: a limit equal to the benchmark includes it; one double beyond excludes it', () => {
    const rate = indicator('RATE');
    const at = (value: number) => compareWithBenchmark(rate, charnwood, leicestershire(value));
    // Below the value: 99.8% lower 76.0, 95% lower 76.9.
    assert.deepEqual([at(nextDown(76.0)).outcome, at(nextDown(76.0)).level], ['WORSE', 0.998]);
    assert.deepEqual([at(76.0).outcome, at(76.0).level], ['WORSE', 0.95]);
    assert.match(at(76.0).explanation, /is 2\.9% higher than Leicestershire's 76\.0: worse, by more than chance would explain \(95% confidence, though not 99\.8%\)\.$/);
    assert.match(at(76.0).method, /: the 95% interval excludes it, the 99\.8% interval does not$/);
    assert.deepEqual([at(nextDown(76.9)).outcome, at(nextDown(76.9)).level], ['WORSE', 0.95]);
    assert.deepEqual([at(76.9).outcome, at(76.9).level], ['SIMILAR', null]);
    // Above the value: 95% upper 79.5, 99.8% upper 80.4.
    assert.deepEqual([at(79.5).outcome, at(79.5).level], ['SIMILAR', null]);
    assert.deepEqual([at(nextUp(79.5)).outcome, at(nextUp(79.5)).level], ['BETTER', 0.95]);
    assert.deepEqual([at(80.4).outcome, at(80.4).level], ['BETTER', 0.95]);
    assert.deepEqual([at(nextUp(80.4)).outcome, at(nextUp(80.4)).level], ['BETTER', 0.998]);
    assert.equal(at(78.2).explanation, "Charnwood, 78.2 per 1,000, is about the same as Leicestershire's 78.2: similar, within what chance would explain.");
    assert.match(at(78.2).method, /Charnwood 78\.2 per 1,000 \(95% CI 76\.9–79\.5; 99\.8% CI 76\.0–80\.4\) against Leicestershire 78\.2: the 95% interval includes it$/);
    assert.equal(at(79.5).explanation, "Charnwood, 78.2 per 1,000, is 1.6% lower than Leicestershire's 79.5: similar, within what chance would explain.");
  });

  test('only 95% limits: tested at 95% only, and the method says so', () => {
    const only95 = area('Charnwood', 78.2, { lowerCI95: 76.9, upperCI95: 79.5 });
    const result = compareWithBenchmark(indicator('RATE'), only95, leicestershire(70.1));
    assert.equal(result.level, 0.95);
    assert.equal(result.limits998, null);
    assert.match(result.method, /\(only 95% limits were available\)\. Charnwood 78\.2 per 1,000 \(95% CI 76\.9–79\.5\) against Leicestershire 70\.1: the 95% interval excludes it$/);
    assert.equal(result.explanation, "Charnwood, 78.2 per 1,000, is 11.6% higher than Leicestershire's 70.1: worse, by more than chance would explain (95% confidence).");
  });

  test('limits computed from counts (Byar) against the benchmark', () => {
    // 1,500 events in 100,000: 15.0 per 1,000; Byar 99.8% limits about 14.2–15.8.
    const point = rateArea('Blaby', 1500, 100000);
    const limits = rateInterval(1500, 100000, 0.998, 1000);
    assert.equal(compareWithBenchmark(indicator('RATE'), point, leicestershire(nextDown(limits.lower))).level, 0.998);
    assert.equal(compareWithBenchmark(indicator('RATE'), point, leicestershire(limits.lower)).level, 0.95);
    assert.equal(compareWithBenchmark(indicator('RATE'), point, leicestershire(15.2)).outcome, 'SIMILAR');
    assert.match(compareWithBenchmark(indicator('RATE'), point, leicestershire(12)).method, /\(Byar's method\)/);
  });

  test('NOT_COMPARED without limits, without a benchmark value or without a value, saying why', () => {
    const ratio = compareWithBenchmark(indicator('RATIO'), area('Melton', 1.2), leicestershire(1));
    assert.equal(ratio.outcome, 'NOT_COMPARED');
    assert.equal(ratio.level, null);
    assert.equal(
      ratio.explanation,
      'Melton (2022-23) is not compared with Leicestershire: its value was published without the margin of error needed to judge a difference, ' +
        'and a ratio has no counts to work one out from.',
    );
    assert.match(ratio.method, /^not compared \(overlapping confidence intervals at 95% and 99\.8% against the benchmark value\): no confidence limits were published for it, and a ratio has no counts to compute them from$/);
    const noCounts = compareWithBenchmark(indicator('RATE'), area('Melton', 12.5), leicestershire(10));
    assert.match(noCounts.explanation, /published without the margin of error needed to judge a difference, and there are no counts to work one out from\.$/);
    assert.match(noCounts.method, /no confidence limits were published for it and there are no counts to compute them from$/);
    assert.equal(compareWithBenchmark(indicator('RATE'), charnwood, leicestershire(null)).explanation,
      'Charnwood (2022-23) is not compared with Leicestershire: there is no value for Leicestershire.');
    assert.equal(compareWithBenchmark(indicator('RATE'), area('Melton', null), leicestershire(10)).outcome, 'NOT_COMPARED');
    assert.equal(compareWithBenchmark(indicator('RATE'), charnwood, leicestershire(0)).percentDifference, null);
  });

  test('rejects a benchmark without a label or with a non-finite value', () => {
    assert.throws(() => compareWithBenchmark(indicator('RATE'), charnwood, { label: ' ', value: 1 }), {
      name: 'RangeError',
      message: 'a benchmark needs a label, e.g. the county name or "group average"',
    });
    assert.throws(() => compareWithBenchmark(indicator('RATE'), charnwood, { label: 'England', value: Infinity }), {
      name: 'RangeError',
      message: 'benchmark England: value must be a finite number or null (got Infinity)',
    });
  });

  test('property: a value exactly at the benchmark is SIMILAR', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100000 }),
        fc.integer({ min: 1, max: 1000000 }),
        fc.constantFrom<IndicatorFacts['valueType']>('RATE', 'PERCENTAGE', 'COUNT'),
        (events, size, valueType) => {
          const point =
            valueType === 'RATE' ? rateArea('A', events, size)
            : valueType === 'PERCENTAGE' ? percentArea('A', Math.min(events, size), size)
            : area('A', events);
          const result = compareWithBenchmark(indicator(valueType), point, { label: 'B', value: point.value });
          assert.equal(result.outcome, 'SIMILAR');
          assert.equal(result.level, null);
          assert.equal(result.difference, 0);
        },
      ),
    );
  });

  test('property: scaling value, limits and benchmark by the same factor keeps the outcome', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.integer({ min: -3, max: 3 }),
        (value, half95, extra, benchmark, power) => {
          const k = 10 ** power; // powers of ten scale without changing the order of doubles much
          const make = (s: number) =>
            area('A', value * s, {
              lowerCI95: (value - half95) * s,
              upperCI95: (value + half95) * s,
              lowerCI998: (value - half95 - extra) * s,
              upperCI998: (value + half95 + extra) * s,
            });
          const a = compareWithBenchmark(indicator('RATE'), make(1), { label: 'B', value: benchmark });
          const b = compareWithBenchmark(indicator('RATE'), make(k), { label: 'B', value: benchmark * k });
          const margins = [half95, half95 + extra].flatMap((h) => [value - h, value + h]).map((l) => Math.abs(l - benchmark));
          if (Math.min(...margins) > 1e-9 * value) {
            assert.equal(b.outcome, a.outcome);
            assert.equal(b.level, a.level);
          }
        },
      ),
    );
  });

  test('property: a rate per 1,000 and the same rate per 100,000 give the same outcome', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 100, max: 500000 }), fc.double({ min: 0, max: 200, noNaN: true }),
        (events, population, benchmark) => {
          const per1000 = indicator('RATE');
          const per100k = { ...per1000, multiplier: 100000, unit: 'per 100,000' };
          const a = compareWithBenchmark(per1000, rateArea('A', events, population), { label: 'B', value: benchmark });
          const point = area('A', (events / population) * 100000, { numerator: events, denominator: population });
          const b = compareWithBenchmark(per100k, point, { label: 'B', value: benchmark * 100 });
          const limits = [0.95, 0.998].flatMap((c) => { const l = rateInterval(events, population, c, 1000); return [l.lower, l.upper]; });
          if (limits.every((l) => Math.abs(l - benchmark) > 1e-9 * Math.max(1, benchmark))) {
            assert.equal(b.outcome, a.outcome);
            assert.equal(b.level, a.level);
          }
        }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Ranks and quartiles
// ---------------------------------------------------------------------------------------------

describe('quartileOf', () => {
  test('exact quarters when the group size divides by 4, documented split otherwise', () => {
    const quartiles = (n: number) => Array.from({ length: n }, (_, i) => quartileOf(i + 1, n));
    assert.deepEqual(quartiles(4), [1, 2, 3, 4]);
    assert.deepEqual(quartiles(8), [1, 1, 2, 2, 3, 3, 4, 4]);
    assert.deepEqual(quartiles(5), [1, 1, 2, 3, 4]);
    assert.deepEqual(quartiles(10), [1, 1, 1, 2, 2, 3, 3, 3, 4, 4]);
    assert.deepEqual(quartiles(3), [1, 2, 3]);
    assert.deepEqual(quartiles(1), [1]);
  });

  test('rejects ranks outside the group', () => {
    assert.throws(() => quartileOf(0, 4), { name: 'RangeError', message: 'rank must be a whole number from 1 to the group size 4 (got 0)' });
    assert.throws(() => quartileOf(5, 4), { name: 'RangeError', message: 'rank must be a whole number from 1 to the group size 4 (got 5)' });
    assert.throws(() => quartileOf(1, 0), { name: 'RangeError', message: 'group size must be a whole number of at least 1 (got 0)' });
  });
});

// ---------------------------------------------------------------------------------------------
// districtComparison
// ---------------------------------------------------------------------------------------------

describe('districtComparison', () => {
  const county = area('Leicestershire', 5, { lowerCI95: 4.9, upperCI95: 5.1 });
  const withLimits = (name: string, value: number | null, half: number) =>
    area(name, value, value === null ? {} : { lowerCI95: value - half, upperCI95: value + half, lowerCI998: value - 1.6 * half, upperCI998: value + 1.6 * half });
  const districts = [
    withLimits('Blaby', 5, 0.5),
    withLimits('Charnwood', 3, 0.5),
    withLimits('Harborough', 3, 2),
    withLimits('Hinckley', 8, 0.5),
    withLimits('Melton', null, 0),
    withLimits('Oadby', 1, 4),
  ];

  test('low is good: best first, ties share a rank, quartiles, unvalued last', () => {
    const result = districtComparison(indicator('RATE', 'LOW_IS_GOOD'), county, districts);
    assert.deepEqual(
      result.members.map((m) => [m.areaName, m.rank, m.quartile, m.groupSize, m.outcome, m.level]),
      [
        ['Oadby', 1, 1, 5, 'SIMILAR', null], // 1 ± 4 at 95% touches 5: includes it
        ['Charnwood', 2, 1, 5, 'BETTER', 0.998], // 3 ± 0.8 at 99.8% excludes 5
        ['Harborough', 2, 1, 5, 'SIMILAR', null], // 3 ± 2 at 95% touches 5: includes it
        ['Blaby', 4, 3, 5, 'SIMILAR', null],
        ['Hinckley', 5, 4, 5, 'WORSE', 0.998],
        ['Melton', null, null, 5, 'NOT_COMPARED', null],
      ],
    );
    assert.deepEqual(result.benchmark, { label: 'Leicestershire', value: 5, lowerLimit: 4.9, upperLimit: 5.1, areaCode: 'E-Leicestershire' });
    assert.equal(result.subject, null);
    assert.equal(result.explanation, '6 districts of Leicestershire (5.0 per 1,000) in 2022-23: 1 better, 3 similar, 1 worse, 1 with no value.');
  });

  test('says why nothing was compared: no district has a value, or the county has none', () => {
    const unvalued = districts.map((d) => ({ ...d, value: null, numerator: null, denominator: null, lowerCI95: null, upperCI95: null, lowerCI998: null, upperCI998: null }));
    assert.equal(
      districtComparison(indicator('RATE', 'LOW_IS_GOOD'), county, unvalued).explanation,
      '6 districts of Leicestershire (5.0 per 1,000) in 2022-23: none has a value for 2022-23, so none is compared.',
    );
    assert.equal(
      districtComparison(indicator('RATE', 'LOW_IS_GOOD'), { ...county, value: null }, districts).explanation,
      '6 districts of Leicestershire (no value) in 2022-23: Leicestershire has no value for 2022-23, so no district is compared.',
    );
  });

  test('high is good and no judgement rank the largest first', () => {
    for (const polarity of ['HIGH_IS_GOOD', 'NO_JUDGEMENT'] as const) {
      const result = districtComparison(indicator('RATE', polarity), county, districts);
      assert.deepEqual(result.members.map((m) => [m.areaName, m.rank]), [
        ['Hinckley', 1], ['Blaby', 2], ['Charnwood', 3], ['Harborough', 3], ['Oadby', 5], ['Melton', null],
      ]);
    }
    const neutral = districtComparison(indicator('RATE', 'NO_JUDGEMENT'), county, districts);
    assert.deepEqual(neutral.members.slice(0, 3).map((m) => m.outcome), ['HIGHER', 'SIMILAR', 'LOWER']);
  });

  test('rejects districts of another period, repeated districts, the county among them', () => {
    assert.throws(() => districtComparison(indicator('RATE'), county, [{ ...districts[0], period: OTHER_YEAR }]), {
      name: 'RangeError',
      message: "districts must be for the county's period: Leicestershire is for 2022-23 but Blaby is for 2021-22",
    });
    assert.throws(() => districtComparison(indicator('RATE'), county, [districts[0], districts[0]]), {
      name: 'RangeError',
      message: 'a district comparison lists Blaby (E-Blaby) more than once',
    });
    assert.throws(() => districtComparison(indicator('RATE'), county, [districts[0], { ...districts[1], period: OTHER_YEAR }]), {
      name: 'RangeError',
      message: 'a district comparison must be for one period: Blaby is for 2022-23 but Charnwood is for 2021-22',
    });
    assert.throws(() => districtComparison(indicator('RATE'), county, [county]), {
      name: 'RangeError',
      message: 'Leicestershire (E-Leicestershire) is the county and cannot also be one of its districts',
    });
    assert.throws(() => districtComparison(indicator('RATE'), county, []), {
      name: 'RangeError',
      message: 'a district comparison needs at least one area',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Funnel limits
// ---------------------------------------------------------------------------------------------

describe('funnel limits against independent computations', () => {
  test('Poisson funnel events: exact limits for the expected count via chi-squared quantiles, Byar beyond 10', () => {
    for (const confidence of [0.95, 0.998] as const) {
      const tail = (1 - confidence) / 2;
      for (const mu of [0.5, 2, 4, 6.5, 9, 12, 20, 35.7, 100, 2500, 1e6]) {
        const { lower, upper } = poissonFunnelEvents(mu, confidence);
        const where = `μ ${mu} at ${confidence}`;
        // Lower: the E whose upper confidence limit is μ.
        if (lower === 0) {
          assert.ok(chiSquaredQuantile(1 - tail, 2) / 2 >= mu, `${where}: 0 events should reach μ`);
        } else if (lower < 10) {
          close(chiSquaredQuantile(1 - tail, 2 * lower + 2) / 2, mu, 1e-9, `${where} lower`);
        } else if (lower > 10) {
          close(byar(lower, Z[confidence]).upper, mu, 1e-9, `${where} lower`);
        }
        // Upper: the E whose lower confidence limit is μ.
        if (upper < 10) close(chiSquaredQuantile(tail, 2 * upper) / 2, mu, 1e-9, `${where} upper`);
        else if (upper > 10) close(byar(upper, Z[confidence]).lower, mu, 1e-9, `${where} upper`);
        assert.ok(lower <= mu && mu <= upper, `${where}: limits ${lower}–${upper} should surround μ`);
      }
    }
  });

  test('exact region against summed Poisson probabilities: the limit is where P(X ≤ E | μ) crosses the tail', () => {
    // For whole E the continuous limit must fall between the integers where the discrete tail crosses.
    for (const mu of [3, 5, 8]) {
      for (const confidence of [0.95, 0.998] as const) {
        const tail = (1 - confidence) / 2;
        const { lower } = poissonFunnelEvents(mu, confidence);
        const k = Math.floor(lower);
        assert.ok(poissonCdf(k, mu) <= tail + 1e-12 || k === 0, `μ ${mu}: P(X ≤ ${k}) = ${poissonCdf(k, mu)} should be under ${tail}`);
        assert.ok(poissonCdf(k + 1, mu) >= tail, `μ ${mu}: P(X ≤ ${k + 1}) should reach ${tail}`);
      }
    }
  });

  test('at the jump to Byar: lower limit at 10 when μ falls in the gap; upper limit takes the larger crossing', () => {
    const exactTop = chiSquaredQuantile(1 - 0.001, 22) / 2; // exact upper limit of 10− events at 99.8%: 24.134
    const byarAt10 = byar(10, Z[0.998]).upper; // 24.194
    assert.ok(exactTop < byarAt10);
    assert.equal(poissonFunnelEvents((exactTop + byarAt10) / 2, 0.998).lower, 10);
    // Byar's lower limit at 10 (2.916) is below the exact one just under 10 (2.961).
    const mu = 2.93;
    const upper = poissonFunnelEvents(mu, 0.998).upper;
    assert.ok(upper > 10);
    close(byar(upper, Z[0.998]).lower, mu, 1e-9);
  });

  test('proportion funnel: the package formula, and the Wilson interval of the member', () => {
    for (const [average, n] of [[0.2, 50], [0.02, 1000], [0.65, 12], [0.5, 100000], [0.999, 300]] as const) {
      for (const [p, confidence] of [[0.975, 0.95], [0.999, 0.998]] as const) {
        const limits = proportionFunnelLimits(average, n, confidence);
        const low = sigmaAdjustment(p, n, average, 'low', 1);
        const high = sigmaAdjustment(p, n, average, 'high', 1);
        close(limits.lower, Math.max(0, low), 1e-9, `p̄ ${average} n ${n} lower`);
        close(limits.upper, Math.min(1, high), 1e-9, `p̄ ${average} n ${n} upper`);
      }
    }
  });

  test('property: a proportion is outside the funnel exactly when the average is outside its Wilson interval', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.constantFrom(0.95, 0.998),
        (n, fraction, average, confidence) => {
          const x = Math.round(n * fraction);
          const { lower, upper } = proportionFunnelLimits(average, n, confidence);
          const wilson = wilsonInterval(x, n, confidence);
          const outside = x / n < lower || x / n > upper;
          const margin = Math.min(Math.abs(x / n - lower), Math.abs(x / n - upper), Math.abs(average - wilson.lower), Math.abs(average - wilson.upper));
          if (margin > 1e-9) assert.equal(outside, average < wilson.lower || average > wilson.upper);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('funnelLimits scales the events back to the indicator', () => {
    const rate = funnelLimits(indicator('RATE'), 52, 400); // expected 20.8 events in 400 people
    close(rate.expected, 20.8, 1e-12);
    const events = poissonFunnelEvents(20.8, 0.998);
    close(rate.lower998, (events.lower / 400) * 1000, 1e-12);
    close(rate.upper998, (events.upper / 400) * 1000, 1e-12);
    const count = funnelLimits(indicator('COUNT'), 17.5, 1);
    close(count.upper95, poissonFunnelEvents(17.5, 0.95).upper, 1e-12);
    const percent = funnelLimits(indicator('PERCENTAGE'), 40, 200);
    close(percent.lower95, 40 - 1.959963984540054 * Math.sqrt((0.4 * 0.6) / 200) * 100, 1e-9);
  });

  test('rejects impossible inputs', () => {
    assert.throws(() => poissonFunnelEvents(-1, 0.95), { name: 'RangeError', message: 'expected events must be a finite number, zero or more (got -1)' });
    assert.throws(() => proportionFunnelLimits(1.2, 10, 0.95), { name: 'RangeError', message: 'the group proportion must be between 0 and 1 (got 1.2)' });
    assert.throws(() => proportionFunnelLimits(0.2, 0, 0.95), { name: 'RangeError', message: 'denominator must be greater than zero (got 0)' });
    assert.throws(() => funnelLimits(indicator('RATIO'), 1, 1), { name: 'RangeError', message: 'funnel limits need counts: indicator "test ratio" is a ratio' });
    assert.throws(() => funnelLimits(indicator('PERCENTAGE'), 120, 10), { name: 'RangeError', message: 'a group percentage cannot exceed 100% (got 120)' });
  });
});

// ---------------------------------------------------------------------------------------------
// groupComparison and compareAreas
// ---------------------------------------------------------------------------------------------

describe('groupComparison', () => {
  const peers = [
    rateArea('Big', 5000, 100000), // 50 per 1,000
    rateArea('Bigger', 15000, 250000), // 60
    rateArea('Small', 2, 20), // 100 per 1,000 of 20 people: expected ~1.1, noise
    rateArea('Large', 1000, 10000), // 100 per 1,000 of 10,000: far above
    rateArea('Tiny', 0, 50),
  ];
  const pooled = ((5000 + 15000 + 2 + 1000 + 0) / (100000 + 250000 + 20 + 10000 + 50)) * 1000;

  test('pooled average, funnel limits at each denominator; a small area is not flagged for noise', () => {
    const result = groupComparison(indicator('RATE'), peers, 'E-Small', { label: 'nearest neighbours average' });
    close(result.benchmark.value, pooled, 1e-12);
    assert.equal(result.benchmark.lowerLimit, null);
    const by = Object.fromEntries(result.members.map((m) => [m.areaName, m]));
    assert.equal(by.Small.outcome, 'SIMILAR');
    assert.deepEqual([by.Large.outcome, by.Large.level], ['WORSE', 0.998]);
    assert.deepEqual([by.Big.outcome, by.Big.level], ['BETTER', 0.998]);
    assert.equal(by.Tiny.outcome, 'SIMILAR');
    // The member's benchmark carries its 99.8% funnel limits.
    assert.equal(by.Large.benchmark.lowerLimit, by.Large.funnel?.lower998);
    assert.equal(by.Large.benchmark.upperLimit, by.Large.funnel?.upper998);
    assert.ok((by.Small.funnel?.upper998 as number) > 100 && (by.Large.funnel?.upper998 as number) < 100);
    assert.equal(result.subject?.areaName, 'Small');
    assert.match(result.method, /^each member against the pooled value Σ numerators \/ Σ denominators × 1,000 of the 5 members with a value/);
    // Large: expected events 10,000 × 58.33/1,000 = 583.3; the upper 99.8% limit is where Byar's lower limit reaches it.
    const upperEvents = ((by.Large.funnel?.upper998 as number) / 1000) * 10000;
    close(byar(upperEvents, Z[0.998]).lower, (pooled / 1000) * 10000, 1e-9);
    // (100 − 58.33) / 58.33 = 71.4% above; the limits and the denominator are in the method.
    assert.equal(
      by.Large.explanation,
      'Large, 100.0 per 1,000, is 71.4% higher than the nearest neighbours average of 58.3: worse, by more than chance would explain ' +
        'for an area of its size (99.8% confidence).',
    );
    assert.match(
      by.Large.method,
      new RegExp(`Large 100\\.0 per 1,000 against nearest neighbours average 58\\.3 for its denominator 10,000: 95% limits [0-9.]+–[0-9.]+, 99\\.8% limits [0-9.]+–${(upperEvents / 10).toFixed(1).replace('.', '\\.')}; outside the 99\\.8% limits$`),
    );
    assert.match(by.Small.explanation, /^Small, 100\.0 per 1,000, is 71\.4% higher than the nearest neighbours average of 58\.3: similar, within what chance would explain for an area of its size\.$/);
    // Ranks: low is good, Tiny 0 first, Small and Large tie at 100.
    assert.deepEqual(result.members.map((m) => [m.areaName, m.rank, m.quartile]), [
      ['Tiny', 1, 1], ['Big', 2, 1], ['Bigger', 3, 2], ['Small', 4, 3], ['Large', 4, 3],
    ]);
    assert.match(result.explanation, /Small ranks 4 of 5 \(1 is best\), in the third quarter of the group\.$/);
  });

  test('property: rate outcomes match the package rule (average against the member\'s exact/Byar interval)', () => {
    const member = fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 50, max: 20000 }));
    fc.assert(
      fc.property(fc.array(member, { minLength: 2, maxLength: 8 }), (rows) => {
        const points = rows.map(([events, population], i) => rateArea(`A${i}`, events, population));
        const totalEvents = rows.reduce((s, [e]) => s + e, 0);
        const totalPopulation = rows.reduce((s, [, p]) => s + p, 0);
        const average = totalEvents / totalPopulation; // per head
        const result = groupComparison(indicator('RATE', 'NO_JUDGEMENT'), points);
        for (const m of result.members) {
          const [events, population] = rows[Number(m.areaName.slice(1))];
          const expected = packageSignificance(events, average * population);
          assert.equal(outcomeCode(m), expected, `${m.areaName}: ${events} events in ${population}, average ${average}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('property: percentage outcomes match the package rule (sigma_adjustment limits)', () => {
    const member = fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(member, { minLength: 2, maxLength: 8 }), (rows) => {
        const counts = rows.map(([n, f]) => [Math.round(n * f), n] as const);
        const x = counts.reduce((s, [e]) => s + e, 0);
        const n = counts.reduce((s, [, d]) => s + d, 0);
        fc.pre(x > 0 && x < n);
        const average = x / n;
        const result = groupComparison(indicator('PERCENTAGE', 'NO_JUDGEMENT'), counts.map(([e, d], i) => percentArea(`A${i}`, e, d)));
        for (const m of result.members) {
          const [e, d] = counts[Number(m.areaName.slice(1))];
          const p = e / d;
          const expected =
            p < sigmaAdjustment(0.999, d, average, 'low', 1) ? 'Low (0.001)'
            : p < sigmaAdjustment(0.975, d, average, 'low', 1) ? 'Low (0.025)'
            : p > sigmaAdjustment(0.999, d, average, 'high', 1) ? 'High (0.001)'
            : p > sigmaAdjustment(0.975, d, average, 'high', 1) ? 'High (0.025)'
            : 'Not significant';
          const limits = [0.975, 0.999].flatMap((q) => ['low', 'high'].map((s) => sigmaAdjustment(q, d, average, s as 'low' | 'high', 1)));
          if (limits.every((l) => Math.abs(l - p) > 1e-9)) assert.equal(outcomeCode(m), expected, `${e}/${d} against ${average}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('mean of values when a member has no counts; its published limits stand in for the funnel', () => {
    const members = [
      rateArea('Big', 5000, 100000), // 50
      area('Published', 70, { lowerCI95: 66, upperCI95: 74, lowerCI998: 64, upperCI998: 76 }),
      rateArea('Mid', 600, 10000), // 60
    ];
    const result = groupComparison(indicator('RATE'), members);
    close(result.benchmark.value, 60, 1e-12);
    assert.match(result.method, /against the mean of the 3 members' values \(not every member has counts to pool\)/);
    const published = result.members.find((m) => m.areaName === 'Published') as Comparison;
    assert.equal(published.funnel, null);
    assert.deepEqual([published.outcome, published.level], ['WORSE', 0.998]);
    assert.match(published.method, /^no counts for a funnel: 95% and 99\.8% confidence intervals \(published\)/);
    const mid = result.members.find((m) => m.areaName === 'Mid') as Comparison;
    assert.equal(mid.outcome, 'SIMILAR');
    assert.ok(mid.funnel !== null);
  });

  test('counts: the mean count, Poisson limits around it', () => {
    const members = [area('A', 10), area('B', 12), area('C', 8), area('D', 40)];
    const result = groupComparison(indicator('COUNT'), members, 'E-D');
    close(result.benchmark.value, 17.5, 1e-12);
    for (const m of result.members) {
      assert.equal(outcomeCode(m), packageSignificance(m.value as number, 17.5), m.areaName);
    }
    assert.equal(result.subject?.outcome, 'WORSE');
    assert.equal(result.subject?.level, 0.998);
  });

  test('members without a value are not compared and not ranked; a subject that is not a member is null', () => {
    const result = groupComparison(indicator('RATE'), [rateArea('A', 50, 1000), area('B', null), rateArea('C', 40, 1000)], 'Z');
    assert.equal(result.subject, null);
    assert.deepEqual(result.members.map((m) => [m.areaName, m.rank, m.groupSize, m.outcome]), [
      ['C', 1, 2, 'SIMILAR'], ['A', 2, 2, 'SIMILAR'], ['B', null, 2, 'NOT_COMPARED'],
    ]);
    const none = groupComparison(indicator('RATE'), [area('A', null), area('B', null)]);
    assert.equal(none.benchmark.value, null);
    assert.ok(none.members.every((m) => m.outcome === 'NOT_COMPARED'));
  });

  test('rejects an empty group, mixed periods, repeated members', () => {
    assert.throws(() => groupComparison(indicator('RATE'), []), { name: 'RangeError', message: 'a group comparison needs at least one area' });
    assert.throws(() => groupComparison(indicator('RATE'), [rateArea('A', 1, 10), { ...rateArea('B', 1, 10), period: OTHER_YEAR }]), {
      name: 'RangeError',
      message: 'a group comparison must be for one period: A is for 2022-23 but B is for 2021-22',
    });
    assert.throws(() => groupComparison(indicator('RATE'), [rateArea('A', 1, 10), rateArea('A', 2, 10)]), {
      name: 'RangeError',
      message: 'a group comparison lists A (E-A) more than once',
    });
  });
});

describe('funnelCurve', () => {
  const peers = [rateArea('Big', 5000, 100000), rateArea('Bigger', 15000, 250000), rateArea('Large', 1000, 10000)];

  test('each point is funnelLimits at its denominator; log-spaced from half the smallest to twice the largest', () => {
    const curve = funnelCurve(indicator('RATE'), 58, [100000, 250000, 10000], 7) ?? assert.fail('a rate has a curve');
    assert.equal(curve.length, 7);
    assert.equal(curve[0].denominator, 5000);
    assert.equal(curve[6].denominator, 500000);
    // Even steps on a log scale: each denominator 100^(1/6) times the one before.
    for (let i = 1; i < curve.length; i++) close(curve[i].denominator / curve[i - 1].denominator, 100 ** (1 / 6), 1e-12);
    for (const point of curve) {
      const { lower95, upper95, lower998, upper998 } = funnelLimits(indicator('RATE'), 58, point.denominator);
      assert.deepEqual(point, { denominator: point.denominator, lower95, upper95, lower998, upper998 });
    }
    // One denominator d: d/2 to 2d, through d itself.
    const one = funnelCurve(indicator('PERCENTAGE'), 40, [200], 3) ?? assert.fail('a percentage has a curve');
    assert.deepEqual(one.map((p) => p.denominator), [100, one[1].denominator, 400]);
    close(one[1].denominator, 200, 1e-12);
    assert.equal(funnelCurve(indicator('RATE'), 58, [1000])?.length, FUNNEL_CURVE_POINTS.default, '60 points unless asked');
  });

  test('a group comparison\'s funnel: the curve passes through each member\'s own 99.8% limits', () => {
    // Denominators 10,000, 40,000 and 160,000: 7 points from 5,000 to 320,000, doubling, land on all three.
    const members = [rateArea('A', 600, 10000), rateArea('B', 2000, 40000), rateArea('C', 9000, 160000), area('D', 70)];
    const result = groupComparison(indicator('RATE'), members);
    const funnel = result.funnel ?? assert.fail('members with counts were compared by funnel limits');
    assert.deepEqual(funnel.denominators, [10000, 40000, 160000], 'D has no counts: published limits, not the funnel');
    assert.equal(funnel.average, result.benchmark.value);
    const curve = funnelCurve(funnel.indicator, funnel.average, funnel.denominators, 7) ?? assert.fail('a curve');
    for (const member of result.members.filter((m) => m.funnel !== null)) {
      const at = curve.find((p) => Math.abs(p.denominator / (member.point.denominator as number) - 1) < 1e-12) ?? assert.fail(`a point at ${member.areaName}`);
      close(at.lower998, member.benchmark.lowerLimit as number, 1e-9);
      close(at.upper998, member.benchmark.upperLimit as number, 1e-9);
      close(at.lower95, member.funnel?.lower95 as number, 1e-9);
      close(at.upper95, member.funnel?.upper95 as number, 1e-9);
    }
  });

  test('the limits narrow as the denominator grows, and nest around the average', () => {
    for (const [facts, average, denominators] of [
      [indicator('RATE'), 58, [100000, 250000, 10000]],
      [indicator('PERCENTAGE'), 40, [80, 3000]],
    ] as const) {
      const curve = funnelCurve(facts, average, denominators, 40) ?? assert.fail('a curve');
      for (const [i, p] of curve.entries()) {
        assert.ok(p.lower998 < p.lower95 && p.lower95 < average && average < p.upper95 && p.upper95 < p.upper998, `nested at ${p.denominator}`);
        if (i === 0) continue;
        const q = curve[i - 1];
        assert.ok(p.denominator > q.denominator);
        assert.ok(p.lower95 > q.lower95 && p.lower998 > q.lower998 && p.upper95 < q.upper95 && p.upper998 < q.upper998, `narrower at ${p.denominator}`);
      }
    }
  });

  test('null without a curve to draw: counts, ratios, no average, no denominators', () => {
    assert.equal(funnelCurve(indicator('COUNT'), 17.5, [1, 1, 1]), null, 'counts are compared at denominator 1: no curve over sizes');
    assert.equal(funnelCurve(indicator('RATIO'), 1.2, [100, 200]), null);
    assert.equal(funnelCurve(indicator('RATE'), null, [100, 200]), null);
    assert.equal(funnelCurve(indicator('RATE'), 58, []), null);
    // What groupComparison and districtComparison record for it.
    assert.ok(groupComparison(indicator('COUNT'), [area('A', 10), area('B', 12)]).funnel !== null, 'counts use the funnel at denominator 1');
    assert.equal(groupComparison(indicator('RATE'), [area('A', null), area('B', null)]).funnel, null, 'no average');
    assert.equal(groupComparison(indicator('RATIO'), [area('A', 1.1), area('B', 0.9)]).funnel, null, 'a ratio has no funnel');
    assert.equal(districtComparison(indicator('RATE'), rateArea('County', 3000, 50000), peers).funnel, null, 'districts against the county');
  });

  test('rejects points outside 2..500 or not whole, and denominators not above zero', () => {
    for (const points of [1, 501, 2.5, 0, -3, Number.NaN]) {
      assert.throws(() => funnelCurve(indicator('RATE'), 58, [1000], points), {
        name: 'RangeError',
        message: `a funnel curve needs a whole number of points from 2 to 500 (got ${points})`,
      });
    }
    assert.equal(funnelCurve(indicator('RATE'), 58, [1000], 2)?.length, 2);
    assert.equal(funnelCurve(indicator('RATE'), 58, [1000], 500)?.length, 500);
    assert.throws(() => funnelCurve(indicator('RATE'), 58, [1000, 0], 5), { name: 'RangeError', message: 'denominators must be greater than zero for a funnel curve (got 0)' });
  });
});

describe('compareAreas', () => {
  test('the subject joins the list when it is not in it: same as the group comparison of the union', () => {
    const subject = rateArea('Charnwood', 1500, 180000);
    const list = [rateArea('Blaby', 700, 100000), rateArea('Melton', 300, 51000)];
    const result = compareAreas(indicator('RATE'), subject, list);
    const union = groupComparison(indicator('RATE'), [subject, ...list], 'E-Charnwood', { label: 'average of the areas' });
    assert.deepEqual(result, union);
    assert.equal(result.subject?.groupSize, 3);
    close(result.benchmark.value, (2500 / 331000) * 1000, 1e-12);
    const already = compareAreas(indicator('RATE'), subject, [...list, subject]);
    assert.equal(already.members.length, 3);
    assert.equal(already.subject?.areaName, 'Charnwood');
  });
});

describe('consistency with the count intervals used for limits', () => {
  test('a member on its own limit: countInterval and the funnel agree at whole counts', () => {
    // 5 events: the exact upper 99.8% limit; an expected count just above it flags 5 as low.
    const upper5 = countInterval(5, 0.998).upper;
    assert.equal(packageSignificance(5, upper5 * 1.0001), 'Low (0.001)');
    assert.ok(poissonFunnelEvents(upper5 * 1.0001, 0.998).lower > 5);
    assert.ok(poissonFunnelEvents(upper5 * 0.9999, 0.998).lower < 5);
    // Byar: 50 events, the lower 95% limit.
    const lower50 = byarInterval(50, 0.95).lower;
    assert.ok(poissonFunnelEvents(lower50 * 0.9999, 0.95).upper < 50);
    assert.ok(poissonFunnelEvents(lower50 * 1.0001, 0.95).upper > 50);
  });
});
