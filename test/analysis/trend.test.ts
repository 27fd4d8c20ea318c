import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chiSquaredQuantile } from '../../src/analysis/confidence';
import { monthIndex, periodFromMonths, PeriodInfo } from '../../src/analysis/periods';
import {
  cochranArmitage,
  recentTrend,
  selectTrendPoints,
  TREND_THRESHOLD,
  weightedSlope,
} from '../../src/analysis/trend';
import { IndicatorFacts, Polarity, ValuePoint } from '../../src/analysis/types';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

function indicator(valueType: IndicatorFacts['valueType'], polarity: Polarity = 'LOW_IS_GOOD'): IndicatorFacts {
  const facts = {
    COUNT: { unit: null, multiplier: 1, decimals: 0 },
    RATE: { unit: 'per 1,000 population', multiplier: 1000, decimals: 1 },
    PERCENTAGE: { unit: '%', multiplier: 100, decimals: 1 },
    RATIO: { unit: null, multiplier: 1, decimals: 2 },
  }[valueType];
  return { name: `test ${valueType.toLowerCase()}`, valueType, polarity, ...facts };
}

const month = (year: number, m: number): PeriodInfo => periodFromMonths(monthIndex(year, m), monthIndex(year, m));
const quarter = (fyStart: number, q: number): PeriodInfo => {
  const first = monthIndex(fyStart, 4) + (q - 1) * 3;
  return periodFromMonths(first, first + 2);
};
const financialYear = (start: number): PeriodInfo => periodFromMonths(monthIndex(start, 4), monthIndex(start + 1, 3));
const rolling = (year: number, m: number): PeriodInfo => periodFromMonths(monthIndex(year, m) - 11, monthIndex(year, m));
const ytd = (fyStart: number, lastMonth: number): PeriodInfo =>
  periodFromMonths(monthIndex(fyStart, 4), monthIndex(fyStart + (lastMonth < 4 ? 1 : 0), lastMonth));

function point(period: PeriodInfo, value: number | null, numerator: number | null = null, denominator: number | null = null): ValuePoint {
  return { areaName: 'Charnwood', areaCode: 'E07000130', period, value, numerator, denominator };
}

/** Five financial years 2017-18 … 2021-22 of a percentage from numerators and denominators. */
function proportionSeries(x: number[], n: number[]): ValuePoint[] {
  return x.map((xi, i) => point(financialYear(2017 + i), (xi / n[i]) * 100, xi, n[i]));
}

/** Five financial years of a rate per 1,000 from counts and populations. */
function rateSeries(counts: number[], populations: number[]): ValuePoint[] {
  return counts.map((c, i) => point(financialYear(2017 + i), (c / populations[i]) * 1000, c, populations[i]));
}

function close(actual: number | null, expected: number, relative = 1e-9, message?: string): void {
  assert.ok(actual !== null, message ?? 'expected a number, got null');
  const scale = Math.max(1e-300, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= relative * scale, `${message ?? ''} expected ${expected}, got ${actual}`);
}

// ---------------------------------------------------------------------------------------------
// Independent computations, written differently from the implementation
// ---------------------------------------------------------------------------------------------

/** Textbook Cochran–Armitage: T = Σ tᵢ(xᵢ − nᵢp̄), Var(T) = p̄(1 − p̄)[Σnᵢtᵢ² − (Σnᵢtᵢ)²/N], χ² = T²/Var(T). */
function textbookCochranArmitage(t: number[], x: number[], n: number[]): number {
  const N = n.reduce((s, v) => s + v, 0);
  const p = x.reduce((s, v) => s + v, 0) / N;
  const T = t.reduce((s, ti, i) => s + ti * (x[i] - n[i] * p), 0);
  const snt = t.reduce((s, ti, i) => s + n[i] * ti, 0);
  const sntt = t.reduce((s, ti, i) => s + n[i] * ti * ti, 0);
  const varT = p * (1 - p) * (sntt - (snt * snt) / N);
  return (T * T) / varT;
}

/**
 * Weighted least squares by the normal equations: β = (XᵀWX)⁻¹XᵀWy with X = [1, t]; with known
 * variances Var(β) = (XᵀWX)⁻¹, so χ² = β₁² / [(XᵀWX)⁻¹]₁₁. The 2×2 inverse is written out.
 */
function normalEquations(t: number[], y: number[], w: number[]): { slope: number; chiSquared: number } {
  let a = 0; // Σw
  let b = 0; // Σwt
  let d = 0; // Σwt²
  let u = 0; // Σwy
  let v = 0; // Σwty
  for (let i = 0; i < t.length; i++) {
    a += w[i];
    b += w[i] * t[i];
    d += w[i] * t[i] * t[i];
    u += w[i] * y[i];
    v += w[i] * t[i] * y[i];
  }
  const det = a * d - b * b;
  const inverse11 = a / det;
  const slope = (-b * u + a * v) / det;
  return { slope, chiSquared: (slope * slope) / inverse11 };
}

/** Significance as Fingertips states it, recomputed in full with the normal equations. */
function independentSignificance(t: number[], y: number[], w: number[]): boolean {
  const full = normalEquations(t, y, w);
  const signs = [0, 1, 2, 3, 4].map((skip) => {
    const keep = [0, 1, 2, 3, 4].filter((i) => i !== skip);
    return Math.sign(normalEquations(keep.map((i) => t[i]), keep.map((i) => y[i]), keep.map((i) => w[i])).slope);
  });
  return full.chiSquared > 9.549535706 && signs.every((s) => s === Math.sign(full.slope) && s !== 0);
}

// ---------------------------------------------------------------------------------------------
// Choosing the points
// ---------------------------------------------------------------------------------------------

describe('selectTrendPoints', () => {
  test('monthly: the five most recent consecutive months, oldest first', () => {
    const series = [1, 2, 3, 4, 5, 6, 7].map((m) => point(month(2022, m), m));
    const selection = selectTrendPoints(series);
    assert.equal(selection.ok, true);
    assert.equal(selection.type, 'MONTH');
    assert.deepEqual(selection.points.map((p) => p.period.label), ['Mar 2022', 'Apr 2022', 'May 2022', 'Jun 2022', 'Jul 2022']);
  });

  test('order of the input does not matter', () => {
    const series = [7, 3, 5, 1, 6, 2, 4].map((m) => point(month(2022, m), m));
    assert.deepEqual(selectTrendPoints(series).points.map((p) => p.value), [3, 4, 5, 6, 7]);
  });

  test('quarterly: a missing quarter ends the run, counted back from the latest', () => {
    const series = [
      point(quarter(2021, 1), 1),
      point(quarter(2021, 2), 2),
      point(quarter(2021, 3), 3),
      // Q4 2021-22 absent
      point(quarter(2022, 1), 5),
      point(quarter(2022, 2), 6),
      point(quarter(2022, 3), 7),
    ];
    const selection = selectTrendPoints(series);
    assert.equal(selection.ok, false);
    if (selection.ok) return;
    assert.equal(selection.reason, 'needs 5 consecutive non-overlapping points; found 3');
    assert.deepEqual(selection.points.map((p) => p.period.label), ['Q1 2022-23', 'Q2 2022-23', 'Q3 2022-23']);
    assert.equal(
      selection.detail,
      'Counting back from Q3 2022-23, the series has 3 consecutive quarters: there is nothing for Q4 2021-22.',
    );
  });

  test('one point before a gap is "only that" period, not "1 consecutive periods"', () => {
    const selection = selectTrendPoints([point(rolling(2014, 9), 45.91)]);
    assert.equal(selection.ok, false);
    assert.equal(!selection.ok && selection.detail, 'Counting back from 12 months to Sep 2014, the series has only that rolling 12-month period: there is nothing for 12 months to Sep 2013.');
  });

  test('rolling 12 months: points 12 months apart, not the overlapping monthly rolls', () => {
    const series: ValuePoint[] = [];
    for (let end = monthIndex(2017, 11); end <= monthIndex(2022, 10); end++) {
      series.push(point(periodFromMonths(end - 11, end), end));
    }
    const selection = selectTrendPoints(series);
    assert.equal(selection.ok, true);
    assert.equal(selection.type, 'ROLLING_12_MONTHS');
    assert.deepEqual(selection.points[0].period, rolling(2018, 10));
    assert.deepEqual(selection.points.map((p) => p.period.label), [
      '12 months to Oct 2018',
      '12 months to Oct 2019',
      '12 months to Oct 2020',
      '12 months to Oct 2021',
      '12 months to Oct 2022',
    ]);
  });

  test('financial years: five consecutive years', () => {
    const series = [2015, 2016, 2017, 2018, 2019, 2020, 2021].map((y) => point(financialYear(y), y));
    assert.deepEqual(selectTrendPoints(series).points.map((p) => p.period.label), [
      '2017-18', '2018-19', '2019-20', '2020-21', '2021-22',
    ]);
  });

  test('a point present without a value stops the test and is named', () => {
    const series = [1, 2, 3, 4, 5].map((m) => point(month(2022, m), m === 2 || m === 4 ? null : m));
    const selection = selectTrendPoints(series);
    assert.equal(selection.ok, false);
    if (selection.ok) return;
    assert.equal(selection.reason, 'a value is missing in Apr 2022');
    assert.equal(selection.detail, 'Of the 5 most recent consecutive months, Feb 2022, Apr 2022 have no value.');
    assert.equal(selection.points.length, 5);
  });

  test("without a type, the latest point's type, the shortest of those ending together", () => {
    const series = [
      ...[5, 6, 7, 8, 9].map((m) => point(month(2022, m), m)),
      point(ytd(2022, 9), 100),
      ...[2017, 2018, 2019, 2020, 2021].map((y) => point(financialYear(y), y)),
    ];
    const own = selectTrendPoints(series);
    assert.equal(own.type, 'MONTH');
    assert.deepEqual(own.points.map((p) => p.value), [5, 6, 7, 8, 9]);
    const years = selectTrendPoints(series, 'FINANCIAL_YEAR');
    assert.equal(years.ok, true);
    assert.deepEqual(years.points.map((p) => p.value), [2017, 2018, 2019, 2020, 2021]);
  });

  test('year-to-date periods are never consecutive', () => {
    const series = [2018, 2019, 2020, 2021, 2022].map((y) => point(ytd(y, 9), y));
    const selection = selectTrendPoints(series);
    assert.equal(selection.ok, false);
    if (selection.ok) return;
    assert.equal(selection.reason, 'year-to-date periods overlap each other');
    assert.match(selection.detail, /ask for QUARTER or FINANCIAL_YEAR/);
  });

  test('no points of the type asked for, and an empty series', () => {
    const series = [1, 2, 3, 4, 5].map((m) => point(month(2022, m), m));
    const quarters = selectTrendPoints(series, 'QUARTER');
    assert.equal(quarters.ok, false);
    if (!quarters.ok) assert.equal(quarters.detail, 'The series has no quarters.');
    const empty = selectTrendPoints([]);
    assert.equal(empty.ok, false);
    if (!empty.ok) assert.equal(empty.reason, 'needs 5 consecutive non-overlapping points; found 0');
  });

  test('rejects a series of several areas, two points for one period, or an unknown type', () => {
    const other: ValuePoint = { ...point(month(2022, 2), 2), areaName: 'Blaby', areaCode: 'E07000129' };
    assert.throws(() => selectTrendPoints([point(month(2022, 1), 1), other]), {
      name: 'RangeError',
      message: 'a trend is for one area: the series mixes Charnwood (E07000130) and Blaby (E07000129)',
    });
    assert.throws(() => selectTrendPoints([point(month(2022, 1), 1), point(month(2022, 1), 2)]), {
      name: 'RangeError',
      message: 'the series for Charnwood has more than one point for Jan 2022',
    });
    assert.throws(() => selectTrendPoints([point(month(2022, 1), 1)], 'WEEK' as never), {
      name: 'RangeError',
      message: /^period type must be one of MONTH, QUARTER, .* \(got WEEK\)$/,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The statistic: hand-checked examples
// ---------------------------------------------------------------------------------------------

describe('recentTrend: hand-checked examples', () => {
  test('Cochran–Armitage, 10, 15, 20, 25, 30 of 100: χ² = 15.625', () => {
    // t = 1..5, n = 100 each, N = 500, Σx = 100, p̄ = 0.2.
    // T = Σ t(x − 20) = 1(−10) + 2(−5) + 3(0) + 4(5) + 5(10) = −10 − 10 + 0 + 20 + 50 = 50.
    // Σnt² = 100 × 55 = 5500; (Σnt)²/N = 1500²/500 = 4500; Var(T) = 0.2 × 0.8 × 1000 = 160.
    // χ² = 50² / 160 = 2500 / 160 = 15.625 > 9.5495, and every subset rises: significant.
    const trend = recentTrend(indicator('PERCENTAGE', 'HIGH_IS_GOOD'), proportionSeries([10, 15, 20, 25, 30], [100, 100, 100, 100, 100]));
    close(trend.chiSquared, 15.625, 1e-12);
    close(trend.slope, 5, 1e-12); // percentage points per year
    assert.equal(trend.significant, true);
    assert.equal(trend.label, 'Increasing and getting better');
    assert.equal(trend.direction, 'IMPROVING');
    // Two levels of words: plain for the board, the statistics for the analyst.
    assert.equal(trend.explanation, 'From 10.0% in 2017-18 to 30.0% in 2021-22, the last 5 points rise by more than chance would explain: increasing and getting better.');
    assert.match(trend.method, /Cochran–Armitage.*: slope \+5\.000 percentage points per period; chi-squared for trend 15\.625 against 9\.5495 \(99\.8%, 1 degree of freedom\), above it, and the slope stays positive with each point left out in turn$/);
  });

  test('the same counts scaled by 0.6 (6 … 18 of 60): χ² = 15.625 × 0.6 = 9.375, just under the threshold', () => {
    // T and Var(T) both scale with the counts, so χ² does: 15.625 × 0.6 = 9.375 ≤ 9.5495.
    const below = recentTrend(indicator('PERCENTAGE', 'HIGH_IS_GOOD'), proportionSeries([6, 9, 12, 15, 18], [60, 60, 60, 60, 60]));
    close(below.chiSquared, 9.375, 1e-12);
    assert.equal(below.significant, false);
    assert.equal(below.label, 'No significant change');
    assert.equal(below.direction, 'NO_CHANGE');
    assert.match(below.explanation, /do not move by more than chance would explain: no significant change\.$/);
    assert.match(below.method, /chi-squared for trend 9\.375 against 9\.5495 \(99\.8%, 1 degree of freedom\), not above it$/);
    // × 0.8 (8 … 24 of 80): 12.5, significant.
    const above = recentTrend(indicator('PERCENTAGE', 'HIGH_IS_GOOD'), proportionSeries([8, 12, 16, 20, 24], [80, 80, 80, 80, 80]));
    close(above.chiSquared, 12.5, 1e-12);
    assert.equal(above.significant, true);
  });

  test('Cochran–Armitage, 10, 12, 14, 16, 18 of 100: χ² = 400/120.4', () => {
    // p̄ = 70/500 = 0.14; T = 1(−4) + 2(−2) + 0 + 4(2) + 5(4) = 20; Var(T) = 0.14 × 0.86 × 1000 = 120.4.
    const trend = recentTrend(indicator('PERCENTAGE'), proportionSeries([10, 12, 14, 16, 18], [100, 100, 100, 100, 100]));
    close(trend.chiSquared, 400 / 120.4, 1e-12);
    assert.equal(trend.label, 'No significant change');
  });

  test('weighted least squares for a rate with unit weights: slope 1, χ² = 10', () => {
    // Counts 100, 121, 144, 169, 196 over populations 10,000 … 14,000 (per 1,000): rates √count =
    // 10, 11, 12, 13, 14, and SE² = count × (1000/pop)² = 100 × 0.01 = 1, 121 × (1/11)² = 1, … = 1.
    // Unit weights: t̄ = 3, Σ(t − t̄)² = 4 + 1 + 0 + 1 + 4 = 10, slope = Σ(t − 3)(y − 12)/10 =
    // (4 + 1 + 0 + 1 + 4)/10 = 1, Var(slope) = 1/10, χ² = 1²/(1/10) = 10 > 9.5495.
    const trend = recentTrend(indicator('RATE'), rateSeries([100, 121, 144, 169, 196], [10000, 11000, 12000, 13000, 14000]));
    close(trend.chiSquared, 10, 1e-12);
    close(trend.slope, 1, 1e-12);
    assert.equal(trend.label, 'Increasing and getting worse');
    assert.equal(trend.direction, 'WORSENING');
    assert.match(trend.method, /weighted least squares/);
    assert.match(trend.explanation, /^From 10\.0 per 1,000 population in 2017-18 to 14\.0 per 1,000 population in 2021-22, the last 5 points rise by more than chance/);
    assert.match(trend.method, /chi-squared for trend 10\.000 against 9\.5495/);
  });

  test('the same with the last count 225 over 15,000 (rate 15): slope 1.2, χ² = 14.4', () => {
    // ȳ = 12.2; Σ(t − 3)(y − ȳ) = (−2)(−2.2) + (−1)(−1.2) + 0 + (1)(0.8) + (2)(2.8) = 12; slope 1.2; χ² = 1.44 × 10.
    const trend = recentTrend(indicator('RATE', 'HIGH_IS_GOOD'), rateSeries([100, 121, 144, 169, 225], [10000, 11000, 12000, 13000, 15000]));
    close(trend.chiSquared, 14.4, 1e-12);
    assert.equal(trend.label, 'Increasing and getting better');
  });

  test('labels by polarity and direction', () => {
    const rising = rateSeries([100, 121, 144, 169, 225], [10000, 11000, 12000, 13000, 15000]);
    const falling = rising.map((p, i) => ({ ...rising[4 - i], period: p.period }));
    const cases: Array<[Polarity, ValuePoint[], string, string]> = [
      ['HIGH_IS_GOOD', rising, 'Increasing and getting better', 'IMPROVING'],
      ['LOW_IS_GOOD', rising, 'Increasing and getting worse', 'WORSENING'],
      ['HIGH_IS_GOOD', falling, 'Decreasing and getting worse', 'WORSENING'],
      ['LOW_IS_GOOD', falling, 'Decreasing and getting better', 'IMPROVING'],
      ['NO_JUDGEMENT', rising, 'Increasing', 'INCREASING'],
      ['NO_JUDGEMENT', falling, 'Decreasing', 'DECREASING'],
    ];
    for (const [polarity, series, label, direction] of cases) {
      const trend = recentTrend(indicator('RATE', polarity), series);
      assert.equal(trend.label, label, `${polarity}`);
      assert.equal(trend.direction, direction, `${polarity}`);
      assert.equal(trend.significant, true);
    }
  });

  test('a large χ² is not significant when leaving a point out turns the slope round', () => {
    // Counts 130, 100, 100, 90, 400: the last year drives the rise; without it the slope is negative.
    const counts = [130, 100, 100, 90, 400];
    const series = counts.map((c, i) => point(financialYear(2017 + i), c));
    const trend = recentTrend(indicator('COUNT'), series);
    assert.ok((trend.chiSquared as number) > TREND_THRESHOLD, `χ² ${trend.chiSquared}`);
    assert.equal(trend.significant, false);
    assert.equal(trend.label, 'No significant change');
    assert.match(trend.explanation, /do not move by more than chance would explain: no significant change\.$/);
    assert.match(trend.method, /above it, but the slope changes sign when 2021-22 is left out$/);
    // Independently: weights 1/count, the normal equations, the six fits.
    assert.equal(independentSignificance([1, 2, 3, 4, 5], counts, counts.map((c) => 1 / c)), false);
  });

  test('the threshold is χ²₁ at 99.8%: 3.0902² ≈ 9.5495', () => {
    assert.equal(Number(TREND_THRESHOLD.toFixed(4)), 9.5495);
    close(TREND_THRESHOLD, chiSquaredQuantile(0.998, 1), 1e-12);
    assert.equal(Number(Math.sqrt(TREND_THRESHOLD).toFixed(4)), 3.0902);
  });
});

// ---------------------------------------------------------------------------------------------
// The statistic against independent computations
// ---------------------------------------------------------------------------------------------

const proportionData = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 20000 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 5, maxLength: 5 })
  .map((rows) => ({ n: rows.map(([n]) => n), x: rows.map(([n, f]) => Math.round(n * f)) }))
  .filter(({ x, n }) => x.some((v) => v > 0) && x.some((v, i) => v < n[i]));

const rateData = fc.array(fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1000, max: 500000 })), {
  minLength: 5,
  maxLength: 5,
});

describe('recentTrend against independent computations', () => {
  test('Cochran–Armitage equals the textbook T²/Var(T) on several data sets', () => {
    const sets: Array<[number[], number[]]> = [
      [[10, 15, 20, 25, 30], [100, 100, 100, 100, 100]],
      [[45, 52, 61, 70, 88], [1000, 1010, 990, 1005, 1020]],
      [[3, 0, 5, 2, 9], [40, 35, 50, 38, 44]],
      [[980, 975, 960, 958, 941], [1000, 1000, 1000, 1000, 1000]],
      [[12045, 12190, 12388, 12402, 12650], [48210, 48350, 48600, 48900, 49100]],
    ];
    for (const [x, n] of sets) {
      const trend = recentTrend(indicator('PERCENTAGE'), proportionSeries(x, n));
      close(trend.chiSquared, textbookCochranArmitage([1, 2, 3, 4, 5], x, n), 1e-9, `x ${x}`);
    }
  });

  test('property: Cochran–Armitage and its significance match the independent formulas', () => {
    fc.assert(
      fc.property(proportionData, ({ x, n }) => {
        const trend = recentTrend(indicator('PERCENTAGE'), proportionSeries(x, n));
        const t = [1, 2, 3, 4, 5];
        const expected = textbookCochranArmitage(t, x, n);
        close(trend.chiSquared, expected, 1e-8);
        // Sign of each fit from the score T of that subset (the sign of its slope).
        const signOf = (keep: number[]): number => {
          const N = keep.reduce((s, i) => s + n[i], 0);
          const p = keep.reduce((s, i) => s + x[i], 0) / N;
          return Math.sign(keep.reduce((s, i) => s + t[i] * (x[i] - n[i] * p), 0));
        };
        const full = signOf([0, 1, 2, 3, 4]);
        const same = [0, 1, 2, 3, 4].every((skip) => signOf([0, 1, 2, 3, 4].filter((i) => i !== skip)) === full) && full !== 0;
        // Near-zero scores can round either way; only compare when the decision is clear.
        if (Math.abs(expected - 9.5495357) > 1e-6) assert.equal(trend.significant, expected > 9.5495357 && same);
      }),
      { numRuns: 300 },
    );
  });

  test('weighted least squares for rates equals the normal equations on several data sets', () => {
    const sets: Array<[number[], number[]]> = [
      [[100, 121, 144, 169, 225], [10000, 11000, 12000, 13000, 15000]],
      [[1520, 1610, 1580, 1720, 1800], [182000, 183500, 184100, 185000, 186200]],
      [[12, 7, 15, 9, 20], [45000, 45100, 45150, 45300, 45400]],
      [[410, 395, 372, 360, 331], [98000, 98500, 99000, 99500, 100000]],
    ];
    for (const [counts, pops] of sets) {
      const trend = recentTrend(indicator('RATE'), rateSeries(counts, pops));
      const y = counts.map((c, i) => (c / pops[i]) * 1000);
      const w = counts.map((c, i) => 1 / (c * (1000 / pops[i]) ** 2));
      const expected = normalEquations([1, 2, 3, 4, 5], y, w);
      close(trend.chiSquared, expected.chiSquared, 1e-9, `counts ${counts}`);
      close(trend.slope, expected.slope, 1e-9, `counts ${counts}`);
      assert.equal(trend.significant, independentSignificance([1, 2, 3, 4, 5], y, w), `counts ${counts}`);
    }
  });

  test('property: rates and counts match the normal equations, statistic and significance', () => {
    fc.assert(
      fc.property(rateData, (rows) => {
        const counts = rows.map(([c]) => c);
        const pops = rows.map(([, p]) => p);
        const t = [1, 2, 3, 4, 5];
        const rate = recentTrend(indicator('RATE'), rateSeries(counts, pops));
        const y = counts.map((c, i) => (c / pops[i]) * 1000);
        const w = counts.map((c, i) => 1 / (c * (1000 / pops[i]) ** 2));
        const expected = normalEquations(t, y, w);
        close(rate.chiSquared, expected.chiSquared, 1e-7);
        if (Math.abs(expected.chiSquared - 9.5495357) > 1e-6) {
          assert.equal(rate.significant, independentSignificance(t, y, w));
        }
        const count = recentTrend(indicator('COUNT'), counts.map((c, i) => point(financialYear(2017 + i), c)));
        close(count.chiSquared, normalEquations(t, counts, counts.map((c) => 1 / c)).chiSquared, 1e-7);
      }),
      { numRuns: 300 },
    );
  });

  test('property: reversing the time order keeps χ² and flips the direction', () => {
    const flipped: Record<string, string> = { IMPROVING: 'WORSENING', WORSENING: 'IMPROVING', NO_CHANGE: 'NO_CHANGE' };
    fc.assert(
      fc.property(rateData, fc.constantFrom<Polarity>('HIGH_IS_GOOD', 'LOW_IS_GOOD'), (rows, polarity) => {
        const counts = rows.map(([c]) => c);
        const pops = rows.map(([, p]) => p);
        const forward = recentTrend(indicator('RATE', polarity), rateSeries(counts, pops));
        const backward = recentTrend(indicator('RATE', polarity), rateSeries([...counts].reverse(), [...pops].reverse()));
        close(backward.chiSquared, forward.chiSquared as number, 1e-9);
        assert.equal(backward.direction, flipped[forward.direction]);
        assert.equal(backward.significant, forward.significant);
      }),
      { numRuns: 300 },
    );
  });

  test('weightedSlope and cochranArmitage agree with the formulas directly', () => {
    const fit = weightedSlope([1, 2, 3, 4, 5], [10, 11, 12, 13, 15], [1, 1, 1, 1, 1]);
    close(fit.slope, 1.2, 1e-12);
    close(fit.variance, 0.1, 1e-12);
    close(fit.chiSquared, 14.4, 1e-12);
    close(cochranArmitage([1, 2, 3, 4, 5], [10, 15, 20, 25, 30], [100, 100, 100, 100, 100]).chiSquared, 15.625, 1e-12);
    assert.throws(() => weightedSlope([1, 2], [1, 2], [1, 0]), {
      name: 'RangeError',
      message: 'weights must be finite and greater than zero (got 0)',
    });
    assert.throws(() => weightedSlope([3, 3], [1, 2], [1, 1]), { name: 'RangeError', message: 'a slope needs at least two different times' });
    assert.throws(() => cochranArmitage([1, 2], [0, 0], [5, 5]), {
      name: 'RangeError',
      message: 'the pooled proportion is 0%, so there is no variation to test for a trend',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Cannot be calculated, and bad input
// ---------------------------------------------------------------------------------------------

describe('recentTrend: cannot be calculated', () => {
  test('three consecutive points', () => {
    const series = rateSeries([100, 121, 144, 169, 196], [10000, 11000, 12000, 13000, 14000]).slice(2);
    const trend = recentTrend(indicator('RATE'), series);
    assert.equal(trend.label, 'Cannot be calculated: needs 5 consecutive non-overlapping points; found 3');
    assert.equal(trend.direction, 'NO_DATA');
    assert.equal(trend.chiSquared, null);
    assert.equal(trend.significant, false);
    assert.equal(trend.points.length, 3);
    assert.match(trend.explanation, /there is nothing for 2018-19\.$/);
  });

  test('no counts to weight the points: a rate without counts, and a ratio', () => {
    const series = [1, 2, 3, 4, 5].map((i) => point(financialYear(2016 + i), 10 + i));
    assert.equal(recentTrend(indicator('RATE'), series).label, 'Cannot be calculated: no counts to weight the points');
    assert.equal(recentTrend(indicator('PERCENTAGE'), series).label, 'Cannot be calculated: no counts to weight the points');
    assert.equal(recentTrend(indicator('RATIO'), series).label, 'Cannot be calculated: no counts to weight the points');
    // A count is its own weight.
    assert.equal(recentTrend(indicator('COUNT'), series).direction, 'NO_CHANGE');
  });

  test('a missing value', () => {
    const series = rateSeries([100, 121, 144, 169, 196], [10000, 11000, 12000, 13000, 14000]);
    const gap = series.map((p, i) => (i === 3 ? { ...p, value: null } : p));
    assert.equal(recentTrend(indicator('RATE'), gap).label, 'Cannot be calculated: a value is missing in 2020-21');
  });

  test('zero events leave a point no Poisson variance; 0% everywhere has nothing to test', () => {
    const series = rateSeries([100, 0, 144, 169, 196], [10000, 11000, 12000, 13000, 14000]);
    assert.equal(
      recentTrend(indicator('RATE'), series).label,
      'Cannot be calculated: 0 events in 2018-19 leave that point no Poisson variance to weight it by',
    );
    assert.equal(
      recentTrend(indicator('PERCENTAGE'), proportionSeries([0, 0, 0, 0, 0], [10, 20, 30, 40, 50])).label,
      'Cannot be calculated: the percentage is 0% at every point, so there is no variation to test',
    );
  });

  test('a proportion with zero events in some points is still tested', () => {
    const trend = recentTrend(indicator('PERCENTAGE'), proportionSeries([0, 0, 1, 3, 8], [50, 50, 50, 50, 50]));
    close(trend.chiSquared, 361 / 22.848, 1e-12);
    // p̄ = 12/250 = 0.048; T = Σ t(x − 2.4) = −2.4 − 4.8 − 4.2 + 2.4 + 28 = 19;
    // Var(T) = 0.048 × 0.952 × (2750 − 750²/250) = 22.848; χ² = 361/22.848 ≈ 15.80, and all six fits rise.
    assert.equal(trend.significant, true);
    assert.equal(trend.label, 'Increasing and getting worse');
  });

  test('rejects bad input with messages naming the point', () => {
    const series = rateSeries([100, 121, 144, 169, 196], [10000, 11000, 12000, 13000, 14000]);
    assert.throws(() => recentTrend(indicator('RATE'), [{ ...series[0], numerator: -1 }, ...series.slice(1)]), {
      name: 'RangeError',
      message: 'test rate, Charnwood 2017-18: numerator must be zero or more (got -1)',
    });
    assert.throws(() => recentTrend(indicator('RATE'), [{ ...series[0], denominator: 0 }]), {
      name: 'RangeError',
      message: 'test rate, Charnwood 2017-18: denominator must be greater than zero (got 0)',
    });
    assert.throws(() => recentTrend(indicator('PERCENTAGE'), proportionSeries([11, 1, 1, 1, 1], [10, 10, 10, 10, 10])), {
      name: 'RangeError',
      message: 'test percentage, Charnwood 2017-18: numerator must be less than or equal to denominator for a percentage (got numerator 11, denominator 10)',
    });
    assert.throws(() => recentTrend({ ...indicator('RATE'), multiplier: 0 }, series), {
      name: 'RangeError',
      message: 'test rate: multiplier must be a finite number greater than zero, e.g. 1000 for a rate per 1,000 (got 0)',
    });
    assert.throws(() => recentTrend({ ...indicator('RATE'), polarity: 'UP' as never }, series), {
      name: 'RangeError',
      message: 'test rate: polarity must be one of HIGH_IS_GOOD, LOW_IS_GOOD, NO_JUDGEMENT (got UP)',
    });
    assert.throws(() => recentTrend(indicator('RATE'), [{ ...series[0], value: Number.NaN }]), {
      name: 'RangeError',
      message: 'test rate, Charnwood 2017-18: value must be a finite number or null (got NaN)',
    });
  });
});
