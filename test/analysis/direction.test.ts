import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  arrowFor,
  directionOfTravel,
  exactPoissonComparison,
  twoProportionComparison,
  DirectionOfTravel,
} from '../../src/analysis/direction';
import { parsePeriod } from '../../src/analysis/periods';
import { IndicatorFacts, Polarity, ValuePoint } from '../../src/analysis/types';

const crimeRate: IndicatorFacts = {
  name: 'Total Crime rate (per 1,000 population)',
  valueType: 'RATE',
  polarity: 'LOW_IS_GOOD',
  decimals: 2,
  unit: 'per 1,000 population',
  multiplier: 1000,
};
const firstTimeEntrants: IndicatorFacts = {
  name: 'Number of first time entrants to the criminal justice system aged 10 - 17',
  valueType: 'COUNT',
  polarity: 'LOW_IS_GOOD',
  decimals: 0,
  unit: null,
  multiplier: 1,
};
const confidenceInServices: IndicatorFacts = {
  name: '% of people who feel ASB and crime are being dealt with',
  valueType: 'PERCENTAGE',
  polarity: 'HIGH_IS_GOOD',
  decimals: 1,
  unit: '%',
  multiplier: 100,
};
const maracRepeats: IndicatorFacts = {
  name: '% of MARAC cases that are repeat incidents',
  valueType: 'PERCENTAGE',
  polarity: 'NO_JUDGEMENT',
  decimals: 0,
  unit: '%',
  multiplier: 100,
};
const reoffending: IndicatorFacts = {
  name: 'Rate of re-offending by young offenders (local data)',
  valueType: 'RATE',
  polarity: 'LOW_IS_GOOD',
  decimals: 2,
  unit: 're-offences per young offender',
  multiplier: 1,
};

function point(period: string, value: number | null, numerator: number | null = null, denominator: number | null = null): ValuePoint {
  return { areaName: 'Leicestershire', areaCode: 'E10000018', period: parsePeriod(period), value, numerator, denominator };
}

/** Relative closeness, for p-values compared with reference values. */
function assertClose(actual: number, expected: number, relative = 1e-9): void {
  assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${actual} is not within ${relative} of ${expected}`);
}

describe('significance tests against reference values (scipy.stats binomtest / fisher_exact, R binom.test)', () => {
  // [earlier count, later count, earlier exposure, later exposure, two-sided p]
  const poisson: Array<[number, number, number, number, number]> = [
    [212, 244, 1, 1, 0.14650115418192508], // first time entrants, were the periods separate
    [10, 25, 1, 1, 0.016673847800120715],
    [100, 150, 1, 1, 0.0018833009350761602],
    [30000, 29000, 1, 1, 3.907020967830222e-5],
    [0, 5, 1, 1, 0.0625],
    [243, 682, 1, 3, 0.3824915595748517], // R's binom.test(c(682, 243), p = 3/4) example
    [30, 18, 1000, 1200, 0.02008247898762944],
  ];
  for (const [x1, x2, e1, e2, expected] of poisson) {
    test(`Poisson counts ${x1} (exposure ${e1}) and ${x2} (exposure ${e2}): p = ${expected}`, () => {
      assertClose(exactPoissonComparison(x1, x2, e1, e2).pValue, expected);
    });
  }

  test('two counts of zero are no evidence of change', () => {
    assert.equal(exactPoissonComparison(0, 0).pValue, 1);
  });

  test('very large counts use the normal approximation, and say so', () => {
    const result = exactPoissonComparison(20_000_000_000, 20_000_300_000);
    assert.match(result.method, /^Normal approximation/);
    assertClose(result.pValue, 0.13361715479756103, 1e-6); // scipy binomtest(20000300000, 40000300000)
    assert.match(exactPoissonComparison(30000, 29000).method, /^Exact test of two Poisson counts/);
  });

  // [x1, n1, x2, n2, p, method]
  const proportions: Array<[number, number, number, number, number, RegExp]> = [
    [790, 1000, 825, 1000, 0.047141469772383884, /^Two-proportion z-test/],
    [77, 1000, 70, 1000, 0.5486301443510551, /^Two-proportion z-test/],
    [3, 4, 1, 4, 0.48571428571428565, /^Fisher's exact test/], // Fisher's tea tasting
    [1, 20, 6, 20, 0.09147609147609148, /^Fisher's exact test/],
    [0, 5, 9, 37, 0.5670696440914669, /^Fisher's exact test/],
  ];
  for (const [x1, n1, x2, n2, expected, method] of proportions) {
    test(`proportions ${x1}/${n1} and ${x2}/${n2}: p = ${expected}`, () => {
      const result = twoProportionComparison(x1, n1, x2, n2);
      assertClose(result.pValue, expected);
      assert.match(result.method, method);
    });
  }

  test('for two counts over equal periods, a larger difference is never less significant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 50 }), (x1, x2, more) => {
        const [low, high] = x1 <= x2 ? [x1, x2] : [x2, x1];
        // the same earlier count, a later count further away
        assert.ok(exactPoissonComparison(low, high + more).pValue <= exactPoissonComparison(low, high).pValue + 1e-12);
        // the same total, split more unevenly
        if (low >= 1) {
          assert.ok(exactPoissonComparison(low - 1, high + 1).pValue <= exactPoissonComparison(low, high).pValue + 1e-12);
        }
      }),
    );
  });

  test('the test of two counts is symmetric and its p-value a probability', () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.nat(2000), (x1, x2) => {
        const p = exactPoissonComparison(x1, x2).pValue;
        assert.ok(p >= 0 && p <= 1);
        assertClose(exactPoissonComparison(x2, x1).pValue, p, 1e-9);
      }),
    );
  });

  test('rejects impossible counts with a sentence', () => {
    assert.throws(() => exactPoissonComparison(-1, 5), {
      name: 'RangeError',
      message: 'the earlier count must be a whole number of events, zero or more, for an exact test (got -1)',
    });
    assert.throws(() => exactPoissonComparison(4, 2.5), { name: 'RangeError', message: /the later count must be a whole number/ });
    assert.throws(() => exactPoissonComparison(4, 5, 0, 1), {
      name: 'RangeError',
      message: 'the earlier exposure (denominator) must be a finite number greater than zero (got 0)',
    });
    assert.throws(() => twoProportionComparison(12, 10, 3, 10), {
      name: 'RangeError',
      message: 'the earlier numerator must be less than or equal to its denominator for a proportion (got 12 of 10)',
    });
    assert.throws(() => twoProportionComparison(1, 10, -3, 10), { name: 'RangeError', message: /the later numerator must be a finite number, zero or more/ });
    assert.throws(() => twoProportionComparison(1.5, 10, 3, 10), { name: 'RangeError', message: /whole number for Fisher's exact test/ });
  });
});

describe('directionOfTravel', () => {
  test('the example: a fall in a rate with no counts, judged by the 1% band', () => {
    const result = directionOfTravel(crimeRate, point('12 months to Sep 2013', 47.18), point('12 months to Sep 2014', 45.91));
    assert.deepEqual(result, {
      direction: 'IMPROVING',
      arrow: '↑',
      change: -1.27,
      percentChange: -2.69181856719,
      comparable: true,
      significant: null,
      pValue: null,
      method: 'No significance test (no counts); changes under 1% count as no change',
      explanation:
        'Total Crime rate (per 1,000 population) fell from 47.18 in 12 months to Sep 2013 to 45.91 in 12 months to Sep 2014 (-2.7%): ' +
        'improving, because lower is better. No significance test was possible: the dashboard gives no counts.',
    });
  });

  test('a change inside the band is no change, and says why', () => {
    const result = directionOfTravel(crimeRate, point('12 months to Sep 2013', 47.18), point('12 months to Sep 2014', 46.9));
    assert.equal(result.direction, 'NO_CHANGE');
    assert.equal(result.arrow, '→');
    assert.equal(result.significant, null);
    assert.match(result.explanation, /\(-0\.6%\): no change, because the change is less than 1% and no significance test was possible: the dashboard gives no counts\.$/);
  });

  test('percentages use a band of 0.5 percentage points, and report the change in points', () => {
    const asb: IndicatorFacts = { ...confidenceInServices, name: '% victims of ASB', polarity: 'LOW_IS_GOOD' };
    const inside = directionOfTravel(asb, point('2012-13', 7.7), point('2013-14', 7.3));
    assert.equal(inside.direction, 'NO_CHANGE');
    assert.match(inside.explanation, /\(-0\.4 percentage points\): no change, because the change is less than 0\.5 percentage points/);
    const edge = directionOfTravel(asb, point('2012-13', 7.7), point('2013-14', 7.2));
    assert.equal(edge.direction, 'IMPROVING', 'exactly 0.5 points is a change');
    assert.equal(edge.change, -0.5);
  });

  test('the 1.04 (2013-14) and 0.33 (Apr-Jun 2014) re-offending rates are not comparable: the periods differ in length', () => {
    const result = directionOfTravel(reoffending, point('2013-14', 1.04), point('Apr-Jun 2014', 0.33));
    assert.equal(result.direction, 'NOT_COMPARABLE');
    assert.equal(result.arrow, '');
    assert.equal(result.comparable, false);
    assert.equal(result.change, null);
    assert.equal(result.significant, null);
    assert.equal(result.method, 'Not compared: periods differ in length');
    assert.equal(
      result.explanation,
      'Rate of re-offending by young offenders (local data) cannot be compared between 2013-14 (1.04 re-offences per young offender) ' +
        'and Q1 2014-15 (0.33 re-offences per young offender): 2013-14 (12 months) and Q1 2014-15 (3 months) differ in length: ' +
        'a count or rate per period cannot be compared across them.',
    );
  });

  test('overlapping periods are not comparable unless allowed, and are then never tested', () => {
    const from = point('2013-14', 212);
    const to = point('Oct 2013 - Sep 2014', 244);
    const strict = directionOfTravel(firstTimeEntrants, from, to);
    assert.equal(strict.direction, 'NOT_COMPARABLE');
    assert.match(strict.explanation, /overlap \(they share Oct 2013 - Mar 2014, 6 months\)/);
    const allowed = directionOfTravel(firstTimeEntrants, from, to, { allowOverlap: true });
    assert.equal(allowed.direction, 'WORSENING');
    assert.equal(allowed.significant, null, 'counts that share months are not independent');
    assert.match(allowed.explanation, /No significance test was possible: the two periods share Oct 2013 - Mar 2014/);
  });

  test('no data: says which value is missing', () => {
    const missingLater = directionOfTravel(crimeRate, point('2013-14', 3.44), point('12 months to Sep 2014', null));
    assert.equal(missingLater.direction, 'NO_DATA');
    assert.equal(missingLater.arrow, '');
    assert.equal(
      missingLater.explanation,
      'No direction of travel for Total Crime rate (per 1,000 population): there is no value for 12 months to Sep 2014, the later period (2013-14 is 3.44).',
    );
    const missingEarlier = directionOfTravel(crimeRate, null, point('12 months to Sep 2014', 45.91));
    assert.match(missingEarlier.explanation, /there is no value for the earlier period \(12 months to Sep 2014 is 45\.91\)\.$/);
    const neither = directionOfTravel(crimeRate, point('2012-13', null), point('2013-14', null));
    assert.match(neither.explanation, /there are no values for 2012-13 or 2013-14\.$/);
  });

  test('a value is computed from counts when only the counts are given', () => {
    const result = directionOfTravel(crimeRate, point('2012-13', null, 300, 10000), point('2013-14', null, 200, 10000));
    assert.equal(result.change, -10);
    assert.equal(result.direction, 'IMPROVING');
    assert.equal(result.significant, true);
  });

  test('counts: an exact test; a change that is not significant is no change, with its p-value', () => {
    const result = directionOfTravel(firstTimeEntrants, point('2012-13', 212), point('2013-14', 244));
    assert.equal(result.direction, 'NO_CHANGE');
    assert.equal(result.significant, false);
    // Two levels of words: the test and its p-value for the analyst, plain words for the board.
    assert.equal(result.method, 'Exact test of two Poisson counts (conditional binomial), 95% (p = 0.147)');
    assert.equal(
      result.explanation,
      'Number of first time entrants to the criminal justice system aged 10 - 17 rose from 212 in 2012-13 to 244 in 2013-14 (+15.1%), ' +
        'but the change is within what chance would explain: no change.',
    );
  });

  test('counts: a significant rise of a low-is-good count is worsening', () => {
    const result = directionOfTravel(firstTimeEntrants, point('2012-13', 100), point('2013-14', 150));
    assert.equal(result.direction, 'WORSENING');
    assert.equal(result.arrow, '↓');
    assert.equal(result.significant, true);
    assertClose(result.pValue!, 0.0018833009350761602);
    assert.match(result.explanation, /\(\+50\.0%\): worsening, because lower is better, by more than chance would explain \(95% confidence\)\.$/);
    assert.match(result.method, /\(p = 0\.002\)$/);
  });

  test('rates with numerators and denominators: the exact test with denominators as exposure', () => {
    const result = directionOfTravel(crimeRate, point('2012-13', 30, 30, 1000), point('2013-14', 15, 18, 1200));
    assert.equal(result.direction, 'IMPROVING');
    assert.equal(result.significant, true);
    assert.equal(result.method, 'Exact test of two Poisson rates (conditional binomial, denominators as exposure), 95% (p = 0.020)');
    assertClose(result.pValue!, 0.02008247898762944);
  });

  test('a change the counts do not support is not significant, however small the p-value', () => {
    // Published rates fall while the counts behind them rise: the data disagree with themselves.
    const result = directionOfTravel(crimeRate, point('2012-13', 30, 30, 1000), point('2013-14', 15, 90, 1000));
    assert.equal(result.direction, 'NO_CHANGE');
    assert.equal(result.significant, false);
    assert.ok(result.pValue! < 0.001);
    assert.match(result.explanation, /but the counts behind it move the other way, so the change is within what chance would explain: no change\.$/);
    assert.match(result.method, /\(p < 0\.001\)$/);
  });

  test('rates without denominators cannot be tested, and say so', () => {
    const result = directionOfTravel(crimeRate, point('2012-13', 30, 30, null), point('2013-14', 15, 18, null));
    assert.equal(result.significant, null);
    assert.match(result.explanation, /No significance test was possible: the dashboard gives no denominators\.$/);
    const oneCount = directionOfTravel(crimeRate, point('2012-13', 30, 30, 1000), point('2013-14', 15, null, 1200));
    assert.match(oneCount.explanation, /there is no count for 2013-14\.$/);
  });

  test('percentages: the two-proportion z-test, at the confidence asked for', () => {
    const from = point('2012-13', 79.0, 790, 1000);
    const to = point('2013-14', 82.5, 825, 1000);
    const at95 = directionOfTravel(confidenceInServices, from, to);
    assert.equal(at95.direction, 'IMPROVING');
    assert.equal(at95.significant, true);
    assert.equal(at95.method, 'Two-proportion z-test (pooled), 95% (p = 0.047)');
    assert.match(at95.explanation, /\(\+3\.5 percentage points\): improving, because higher is better, by more than chance would explain \(95% confidence\)\.$/);
    const at998 = directionOfTravel(confidenceInServices, from, to, { confidence: 99.8 });
    assert.equal(at998.direction, 'NO_CHANGE');
    assert.equal(at998.significant, false);
    assert.match(at998.explanation, /within what chance would explain: no change/);
    assert.match(at998.method, /99\.8%/);
  });

  test('a percentage across periods of different length carries the note', () => {
    const iom: IndicatorFacts = { ...confidenceInServices, name: '% Reduction in offending by IOM & PPO Offenders' };
    const result = directionOfTravel(iom, point('2013-14', 38.9), point('Q2 2014-15', 55.7));
    assert.equal(result.direction, 'IMPROVING');
    assert.match(result.explanation, /Percentages compare across periods of different length; 2013-14 is 12 months and Q2 2014-15 is 3\.$/);
  });

  test('no judgement: increasing and decreasing, with their arrows', () => {
    const up = directionOfTravel(maracRepeats, point('2012-13', 21), point('2013-14', 27));
    assert.equal(up.direction, 'INCREASING');
    assert.equal(up.arrow, '↑');
    assert.match(up.explanation, /rose from 21% in 2012-13 to 27% in 2013-14 \(\+6 percentage points\): increasing; neither direction is better for this indicator\./);
    const down = directionOfTravel(maracRepeats, point('2012-13', 27), point('2013-14', 21));
    assert.equal(down.direction, 'DECREASING');
    assert.equal(down.arrow, '↓');
  });

  test('ratios are not tested', () => {
    const ratio: IndicatorFacts = { ...crimeRate, name: 'Ratio', valueType: 'RATIO', unit: null, multiplier: 1 };
    const result = directionOfTravel(ratio, point('2012-13', 1.2, 12, 10), point('2013-14', 1.5, 15, 10));
    assert.equal(result.significant, null);
    assert.match(result.explanation, /there is no significance test for a ratio\.$/);
  });

  test('arrows', () => {
    assert.deepEqual(
      (['IMPROVING', 'WORSENING', 'NO_CHANGE', 'INCREASING', 'DECREASING', 'NOT_COMPARABLE', 'NO_DATA'] as const).map(arrowFor),
      ['↑', '↓', '→', '↑', '↓', '', ''],
    );
  });

  // ---- properties ----------------------------------------------------------------------

  const withPolarity = (polarity: Polarity): IndicatorFacts => ({ ...firstTimeEntrants, polarity });
  const countPair = fc.tuple(fc.nat(5000), fc.nat(5000));
  const run = (polarity: Polarity, [a, b]: [number, number], counts: boolean): DirectionOfTravel =>
    directionOfTravel(
      withPolarity(polarity),
      point('2012-13', counts ? a : a + 0.5, null),
      point('2013-14', counts ? b : b + 0.5, null),
    );

  test('flipping polarity flips improving and worsening, and changes nothing else', () => {
    const flip: Record<string, string> = { IMPROVING: 'WORSENING', WORSENING: 'IMPROVING', NO_CHANGE: 'NO_CHANGE' };
    fc.assert(
      fc.property(countPair, fc.boolean(), (pair, counts) => {
        const high = run('HIGH_IS_GOOD', pair, counts);
        const low = run('LOW_IS_GOOD', pair, counts);
        assert.equal(low.direction, flip[high.direction]);
        assert.equal(low.significant, high.significant);
        assert.equal(low.pValue, high.pValue);
        assert.equal(low.change, high.change);
      }),
    );
  });

  test('with no judgement, increasing and decreasing stand where higher-is-good improves and worsens', () => {
    const as: Record<string, string> = { IMPROVING: 'INCREASING', WORSENING: 'DECREASING', NO_CHANGE: 'NO_CHANGE' };
    fc.assert(
      fc.property(countPair, fc.boolean(), (pair, counts) => {
        assert.equal(run('NO_JUDGEMENT', pair, counts).direction, as[run('HIGH_IS_GOOD', pair, counts).direction]);
      }),
    );
  });

  test('direction follows the sign of the change, and is a change only when significant or (untested) outside the band', () => {
    fc.assert(
      fc.property(countPair, fc.boolean(), (pair, counts) => {
        const result = run('HIGH_IS_GOOD', pair, counts);
        if (result.direction === 'IMPROVING') assert.ok(result.change! > 0);
        if (result.direction === 'WORSENING') assert.ok(result.change! < 0);
        if (result.significant === false) assert.equal(result.direction, 'NO_CHANGE');
        if (result.significant === null && result.direction !== 'NO_CHANGE') {
          assert.ok(result.percentChange === null || Math.abs(result.percentChange) >= 1);
        }
        assert.equal(result.significant === null, !counts, 'whole counts are tested, others not');
      }),
    );
  });

  // ---- input checks --------------------------------------------------------------------

  test('rejects impossible inputs with a sentence naming the indicator, area and period', () => {
    assert.throws(() => directionOfTravel(firstTimeEntrants, point('2012-13', -3), point('2013-14', 5)), {
      name: 'RangeError',
      message: 'Number of first time entrants to the criminal justice system aged 10 - 17, Leicestershire 2012-13: value must be zero or more for a count (got -3)',
    });
    assert.throws(() => directionOfTravel(crimeRate, point('2012-13', 3, -1, 10), point('2013-14', 5)), {
      name: 'RangeError',
      message: 'Total Crime rate (per 1,000 population), Leicestershire 2012-13: numerator must be zero or more (got -1)',
    });
    assert.throws(() => directionOfTravel(confidenceInServices, point('2012-13', 120, 12, 10), point('2013-14', 50, 5, 10)), {
      name: 'RangeError',
      message:
        '% of people who feel ASB and crime are being dealt with, Leicestershire 2012-13: numerator must be less than or equal to denominator for a percentage (got numerator 12, denominator 10)',
    });
    assert.throws(() => directionOfTravel(crimeRate, point('2012-13', 3, 3, 0), point('2013-14', 5)), {
      name: 'RangeError',
      message: 'Total Crime rate (per 1,000 population), Leicestershire 2012-13: denominator must be greater than zero (got 0)',
    });
    assert.throws(() => directionOfTravel(crimeRate, point('2012-13', Number.NaN), point('2013-14', 5)), {
      name: 'RangeError',
      message: 'Total Crime rate (per 1,000 population), Leicestershire 2012-13: value must be a finite number or null (got NaN)',
    });
    assert.throws(() => directionOfTravel(crimeRate, point('2013-14', 3), point('2012-13', 5)), {
      name: 'RangeError',
      message: "Total Crime rate (per 1,000 population): the earlier value's period (2013-14) must not come after the later value's (2012-13)",
    });
    assert.throws(() => directionOfTravel(crimeRate, point('2012-13', 3), { ...point('2013-14', 5), areaCode: 'E07000130', areaName: 'Charnwood' }), {
      name: 'RangeError',
      message: /compares one area over time, not Leicestershire \(E10000018\) with Charnwood \(E07000130\)/,
    });
    assert.throws(() => directionOfTravel(crimeRate, point('2012-13', 3), point('2013-14', 5), { confidence: 50 }), {
      name: 'RangeError',
      message: 'confidence level must be between 90 and 100 or between 0.9 and 1 (got 50)',
    });
    assert.throws(() => directionOfTravel({ ...crimeRate, multiplier: 0 }, point('2012-13', 3), point('2013-14', 5)), {
      name: 'RangeError',
      message: 'Total Crime rate (per 1,000 population): multiplier must be a finite number greater than zero, e.g. 1000 for a rate per 1,000 (got 0)',
    });
  });
});
