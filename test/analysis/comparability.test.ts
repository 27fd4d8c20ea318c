import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { comparability, comparableEarlierPeriod } from '../../src/analysis/comparability';
import { parsePeriod, periodFromMonths, periodsOverlap, PeriodInfo } from '../../src/analysis/periods';
import { ValueType } from '../../src/analysis/format';

const period = (text: string): PeriodInfo => parsePeriod(text);

/** Any period from 1 to 48 months starting between 2000 and 2030. */
const anyPeriod = fc
  .tuple(fc.integer({ min: 2000 * 12, max: 2030 * 12 }), fc.integer({ min: 1, max: 48 }))
  .map(([start, months]) => periodFromMonths(start, start + months - 1));
const anyValueType = fc.constantFrom<ValueType>('COUNT', 'RATE', 'PERCENTAGE', 'RATIO');

describe('comparableEarlierPeriod', () => {
  const cases: Array<[string, string, string]> = [
    // period, expected label, why
    ['2014-15', '2013-14', 'previous financial year'],
    ['Q2 2014-15', 'Q2 2013-14', 'same quarter a year earlier'],
    ['Q4 2014-15', 'Q4 2013-14', 'same quarter a year earlier, across a calendar year end'],
    ['12 months to Sep 2014', '12 months to Sep 2013', 'preceding non-overlapping 12 months'],
    ['2014', '2013', 'previous calendar year'],
    ['Sep 2014', 'Sep 2013', 'same month a year earlier'],
    ['Apr-Sept 2014', 'Apr-Sep 2013', 'year to date: same months a year earlier'],
    ['May-Jul 2014', 'May-Jul 2013', 'other: same span a year earlier'],
    ['2011-04/2014-03', 'Apr 2008 - Mar 2011', 'a three-year span: the three years before, so they do not overlap'],
  ];
  for (const [text, expected, why] of cases) {
    test(`${text} → ${expected} (${why})`, () => {
      const earlier = comparableEarlierPeriod(period(text));
      assert.equal(earlier.label, expected);
      assert.equal(earlier.type, period(text).type);
    });
  }

  test('is the same months of the year, of the same length, ending before the period starts', () => {
    fc.assert(
      fc.property(anyPeriod, (p) => {
        const earlier = comparableEarlierPeriod(p);
        assert.equal(earlier.months, p.months);
        assert.equal(earlier.type, p.type);
        assert.equal(earlier.startMonth % 12, p.startMonth % 12, 'same months of the year');
        assert.ok(earlier.endMonth < p.startMonth, 'does not overlap');
        assert.ok(p.startMonth - earlier.endMonth <= 12, 'the nearest such period');
        assert.ok(comparability(earlier, p, 'COUNT').comparable, 'and so comparable even for counts');
      }),
    );
  });

  test('rejects something that is not a period', () => {
    assert.throws(
      () => comparableEarlierPeriod({ label: '2014-15' } as unknown as PeriodInfo),
      { name: 'RangeError', message: /must be a period made by periodFromMonths or parsePeriod/ },
    );
  });
});

describe('comparability', () => {
  test('a rate for 12 months and one for 3 months are not comparable, with the reason', () => {
    const result = comparability(period('2013-14'), period('Apr-Jun 2014'), 'RATE');
    assert.deepEqual(result, {
      comparable: false,
      reason:
        '2013-14 (12 months) and Q1 2014-15 (3 months) differ in length: a count or rate per period cannot be compared across them',
      note: null,
    });
  });

  test('counts and ratios need equal lengths too', () => {
    for (const valueType of ['COUNT', 'RATIO'] as const) {
      const result = comparability(period('2013-14'), period('Apr-Sept 2014'), valueType);
      assert.equal(result.comparable, false, valueType);
      assert.match(result.reason!, /2013-14 \(12 months\) and Apr-Sep 2014 \(6 months\) differ in length/);
    }
  });

  test('percentages compare across lengths, and the note says so', () => {
    assert.deepEqual(comparability(period('2013-14'), period('Q2 2014-15'), 'PERCENTAGE'), {
      comparable: true,
      reason: null,
      note: 'percentages compare across periods of different length; 2013-14 is 12 months and Q2 2014-15 is 3',
    });
  });

  test('equal, separate periods are comparable with nothing to note', () => {
    for (const valueType of ['COUNT', 'RATE', 'PERCENTAGE', 'RATIO'] as const) {
      assert.deepEqual(comparability(period('2012-13'), period('2013-14'), valueType), { comparable: true, reason: null, note: null });
    }
  });

  test('overlapping periods are not comparable, naming the months they share', () => {
    const result = comparability(period('2013-14'), period('12 months to Sept 2014'), 'RATE');
    assert.equal(result.comparable, false);
    assert.equal(
      result.reason,
      '2013-14 and 12 months to Sep 2014 overlap (they share Oct 2013 - Mar 2014, 6 months): values that share months cannot be compared',
    );
  });

  test('allowOverlap accepts a partial overlap with a note, but never a period inside another', () => {
    const partial = comparability(period('2013-14'), period('12 months to Sept 2014'), 'PERCENTAGE', { allowOverlap: true });
    assert.equal(partial.comparable, true);
    assert.match(partial.note!, /share 6 months \(Oct 2013 - Mar 2014\).*no significance test is possible/);
    const nested = comparability(period('2013-14'), period('Q4 2013-14'), 'PERCENTAGE', { allowOverlap: true });
    assert.equal(nested.comparable, false);
    assert.equal(nested.reason, 'Q4 2013-14 lies within 2013-14: a value cannot be compared with one that includes it');
  });

  test('a period compared with itself is not comparable', () => {
    const result = comparability(period('2013-14'), period('2013/14'), 'PERCENTAGE', { allowOverlap: true });
    assert.equal(result.comparable, false);
    assert.equal(result.reason, '2013-14 and 2013-14 are the same period: there is nothing to compare');
  });

  test('both problems are given when periods differ in length and overlap', () => {
    const result = comparability(period('2013-14'), period('Q4 2013-14'), 'COUNT');
    assert.match(result.reason!, /differ in length.*; Q4 2013-14 lies within 2013-14/);
  });

  test('does not depend on the order of the two periods', () => {
    fc.assert(
      fc.property(anyPeriod, anyPeriod, anyValueType, fc.boolean(), (a, b, valueType, allowOverlap) => {
        assert.equal(
          comparability(a, b, valueType, { allowOverlap }).comparable,
          comparability(b, a, valueType, { allowOverlap }).comparable,
        );
      }),
    );
  });

  test('comparable counts and rates always have equal lengths and separate periods; percentages need only separate ones', () => {
    fc.assert(
      fc.property(anyPeriod, anyPeriod, anyValueType, (a, b, valueType) => {
        const { comparable, reason, note } = comparability(a, b, valueType);
        const expected = !periodsOverlap(a, b) && (valueType === 'PERCENTAGE' || a.months === b.months);
        assert.equal(comparable, expected);
        assert.equal(reason === null, comparable, 'a reason exactly when not comparable');
        if (!comparable) assert.equal(note, null);
      }),
    );
  });

  test('rejects an unknown value type', () => {
    assert.throws(() => comparability(period('2012-13'), period('2013-14'), 'SCORE' as ValueType), {
      name: 'RangeError',
      message: 'value type must be one of COUNT, RATE, PERCENTAGE, RATIO (got SCORE)',
    });
  });
});
