import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compareWithBenchmark, groupComparison, limitsOf } from '../../src/analysis/comparison';
import { directionOfTravel } from '../../src/analysis/direction';
import { parsePeriod } from '../../src/analysis/periods';
import { ragRating } from '../../src/analysis/rag';
import { recentTrend } from '../../src/analysis/trend';
import { IndicatorFacts, ValuePoint } from '../../src/analysis/types';
import { checkIndicator, checkPoint } from '../../src/analysis/validate';

const crimeRate: IndicatorFacts = {
  name: 'Total crime rate',
  valueType: 'RATE',
  polarity: 'LOW_IS_GOOD',
  decimals: 2,
  unit: 'per 1,000 population',
  multiplier: 1000,
};
const entrants: IndicatorFacts = { ...crimeRate, name: 'First time entrants', valueType: 'COUNT', decimals: 0, unit: null, multiplier: 1 };
const satisfied: IndicatorFacts = { ...crimeRate, name: 'Satisfied with the police', valueType: 'PERCENTAGE', polarity: 'HIGH_IS_GOOD', decimals: 1, unit: '%', multiplier: 100 };

function point(extra: Partial<ValuePoint> = {}): ValuePoint {
  return {
    areaName: 'Charnwood', areaCode: 'E07000130', period: parsePeriod('2021-22'),
    value: 45.9, numerator: null, denominator: null, ...extra,
  };
}

function rejects(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof RangeError, `expected a RangeError, got ${String(error)}`);
    assert.equal(error.message, message);
    return true;
  });
}

describe('checkIndicator', () => {
  test('accepts usable facts', () => {
    for (const indicator of [crimeRate, entrants, satisfied]) assert.doesNotThrow(() => checkIndicator(indicator));
  });

  test('rejects each unusable fact, naming the indicator, the field and what it got', () => {
    rejects(() => checkIndicator(null as never), 'an indicator is required (got null)');
    rejects(() => checkIndicator('crime' as never), 'an indicator is required (got crime)');
    rejects(
      () => checkIndicator({ ...crimeRate, valueType: 'INDEX' as never }),
      'Total crime rate: value type must be one of COUNT, RATE, PERCENTAGE, RATIO (got INDEX)',
    );
    rejects(
      () => checkIndicator({ ...crimeRate, polarity: 'UP' as never }),
      'Total crime rate: polarity must be one of HIGH_IS_GOOD, LOW_IS_GOOD, NO_JUDGEMENT (got UP)',
    );
    for (const decimals of [-1, 11, 1.5, Number.NaN]) {
      rejects(
        () => checkIndicator({ ...crimeRate, decimals }),
        `Total crime rate: decimals must be a whole number from 0 to 10 (got ${decimals})`,
      );
    }
    for (const multiplier of [0, -1000, Number.NaN, Infinity, '1000' as never]) {
      rejects(
        () => checkIndicator({ ...crimeRate, multiplier }),
        `Total crime rate: multiplier must be a finite number greater than zero, e.g. 1000 for a rate per 1,000 (got ${String(multiplier)})`,
      );
    }
  });
});

describe('checkPoint', () => {
  test('accepts usable points, with or without counts and limits', () => {
    assert.doesNotThrow(() => checkPoint(crimeRate, point()));
    assert.doesNotThrow(() => checkPoint(crimeRate, point({ value: null })));
    assert.doesNotThrow(() => checkPoint(crimeRate, point({ numerator: 0, denominator: 1 })));
    assert.doesNotThrow(() => checkPoint(satisfied, point({ value: 100, numerator: 10, denominator: 10 })));
    assert.doesNotThrow(() => checkPoint(crimeRate, point({ lowerCI95: 44, upperCI95: 44, lowerCI998: null, upperCI998: undefined })));
    // Only counts and rates cannot be negative: a "% reduction" or a ratio can.
    assert.doesNotThrow(() => checkPoint(satisfied, point({ value: -3 })));
    assert.doesNotThrow(() => checkPoint({ ...crimeRate, valueType: 'RATIO' }, point({ value: -0.5 })));
  });

  test('rejects each impossible number, naming the indicator, area and period, the field and what it got', () => {
    const where = 'Total crime rate, Charnwood 2021-22';
    rejects(() => checkPoint(crimeRate, point({ value: Number.NaN })), `${where}: value must be a finite number or null (got NaN)`);
    rejects(() => checkPoint(crimeRate, point({ value: undefined as never })), `${where}: value must be a finite number or null (got undefined)`);
    rejects(() => checkPoint(crimeRate, point({ value: '45.9' as never })), `${where}: value must be a finite number or null (got 45.9)`);
    rejects(() => checkPoint(crimeRate, point({ numerator: Infinity })), `${where}: numerator must be a finite number or null (got Infinity)`);
    rejects(() => checkPoint(crimeRate, point({ denominator: Number.NaN })), `${where}: denominator must be a finite number or null (got NaN)`);
    rejects(() => checkPoint(crimeRate, point({ value: -4 })), `${where}: value must be zero or more for a rate (got -4)`);
    rejects(
      () => checkPoint(entrants, point({ value: -3, numerator: 3 })),
      'First time entrants, Charnwood 2021-22: value must be zero or more for a count (got -3)',
    );
    rejects(() => checkPoint(crimeRate, point({ numerator: -1, denominator: 10 })), `${where}: numerator must be zero or more (got -1)`);
    rejects(() => checkPoint(crimeRate, point({ numerator: 1, denominator: 0 })), `${where}: denominator must be greater than zero (got 0)`);
    rejects(
      () => checkPoint(satisfied, point({ value: 120, numerator: 12, denominator: 10 })),
      'Satisfied with the police, Charnwood 2021-22: numerator must be less than or equal to denominator for a percentage (got numerator 12, denominator 10)',
    );
    rejects(
      () => checkPoint(crimeRate, point({ lowerCI998: Number.NaN, upperCI998: 50 })),
      `${where}: lower 99.8% limit must be a finite number or null (got NaN)`,
    );
    rejects(
      () => checkPoint(crimeRate, point({ lowerCI95: 40, upperCI95: Infinity })),
      `${where}: upper 95% limit must be a finite number or null (got Infinity)`,
    );
    rejects(
      () => checkPoint(crimeRate, point({ lowerCI95: 47, upperCI95: 46 })),
      `${where}: lower 95% limit must be less than or equal to upper 95% limit (got lower 47, upper 46)`,
    );
    rejects(
      () => checkPoint(crimeRate, point({ lowerCI998: 50, upperCI998: 41 })),
      `${where}: lower 99.8% limit must be less than or equal to upper 99.8% limit (got lower 50, upper 41)`,
    );
  });

  test('names only what is known of the point', () => {
    rejects(() => checkPoint(crimeRate, point({ areaName: '', value: -4 })), 'Total crime rate, 2021-22: value must be zero or more for a rate (got -4)');
    rejects(
      () => checkPoint(crimeRate, point({ period: undefined as never })),
      'Total crime rate, Charnwood: period must be a period with a label, e.g. from parsePeriod (got undefined)',
    );
    rejects(() => checkPoint(crimeRate, null as never), 'Total crime rate: a value point is required (got null)');
    rejects(
      () => checkPoint({ ...crimeRate, name: '' }, point({ value: -4 })),
      'unnamed indicator, Charnwood 2021-22: value must be zero or more for a rate (got -4)',
    );
  });
});

describe('every analysis applies the same checks', () => {
  // Each of these was rejected by only one of the two former copies of the checks; now all reject it.
  const negativeRate = point({ value: -4 });
  const reversed = point({ lowerCI95: 47, upperCI95: 46 });
  const negativeMessage = 'Total crime rate, Charnwood 2021-22: value must be zero or more for a rate (got -4)';
  const reversedMessage = 'Total crime rate, Charnwood 2021-22: lower 95% limit must be less than or equal to upper 95% limit (got lower 47, upper 46)';
  const earlier = { ...point({ value: 40 }), period: parsePeriod('2020-21') };
  const calls: Array<[string, (p: ValuePoint) => unknown]> = [
    ['directionOfTravel', (p) => directionOfTravel(crimeRate, earlier, p)],
    ['ragRating', (p) => ragRating(crimeRate, p, { target: { value: 45 } })],
    ['limitsOf', (p) => limitsOf(crimeRate, p, 0.95)],
    ['compareWithBenchmark', (p) => compareWithBenchmark(crimeRate, p, { label: 'England', value: 40 })],
    ['groupComparison', (p) => groupComparison(crimeRate, [p])],
    ['recentTrend', (p) => recentTrend(crimeRate, [p])],
  ];
  for (const [name, call] of calls) {
    test(`${name} rejects a negative rate and reversed published limits`, () => {
      rejects(() => call(negativeRate), negativeMessage);
      rejects(() => call(reversed), reversedMessage);
    });
  }

  test('a missing indicator is a RangeError everywhere', () => {
    rejects(() => directionOfTravel(null as never, point(), point()), 'an indicator is required (got null)');
    rejects(() => compareWithBenchmark(null as never, point(), { label: 'England', value: 40 }), 'an indicator is required (got null)');
    rejects(() => recentTrend(null as never, [point()]), 'an indicator is required (got null)');
  });
});
