import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriod, periodFromKey, PeriodError, financialYearOf, monthIndex, shiftPeriod, rollPeriod } from '../../src/analysis/periods';

describe('periods', () => {
  const cases: Array<[string, string, string, string, number]> = [
    // text, key, canonical label, type, months
    ['2013-14', '2013-04/2014-03', '2013-14', 'FINANCIAL_YEAR', 12],
    ['2013/14', '2013-04/2014-03', '2013-14', 'FINANCIAL_YEAR', 12],
    ['1999-00', '1999-04/2000-03', '1999-00', 'FINANCIAL_YEAR', 12],
    ['Q2 2014-15', '2014-07/2014-09', 'Q2 2014-15', 'QUARTER', 3],
    ['2014/15 Q2', '2014-07/2014-09', 'Q2 2014-15', 'QUARTER', 3],
    ['Q4 2014-15', '2015-01/2015-03', 'Q4 2014-15', 'QUARTER', 3],
    ['Apr-Jun 2014', '2014-04/2014-06', 'Q1 2014-15', 'QUARTER', 3],
    ['12 months to Sept 2014', '2013-10/2014-09', '12 months to Sep 2014', 'ROLLING_12_MONTHS', 12],
    ['12 months to Sep 2014', '2013-10/2014-09', '12 months to Sep 2014', 'ROLLING_12_MONTHS', 12],
    ['Oct 2013 - Sep 2014', '2013-10/2014-09', '12 months to Sep 2014', 'ROLLING_12_MONTHS', 12],
    ['Apr-Sept 2014', '2014-04/2014-09', 'Apr-Sep 2014', 'YEAR_TO_DATE', 6],
    ['Sep 2014', '2014-09/2014-09', 'Sep 2014', 'MONTH', 1],
    ['September 2014', '2014-09/2014-09', 'Sep 2014', 'MONTH', 1],
    ['2014-09', '2014-09/2014-09', 'Sep 2014', 'MONTH', 1],
    ['2014', '2014-01/2014-12', '2014', 'CALENDAR_YEAR', 12],
    ['May-Jul 2014', '2014-05/2014-07', 'May-Jul 2014', 'OTHER', 3],
    ['Nov 2013 - Feb 2014', '2013-11/2014-02', 'Nov 2013 - Feb 2014', 'OTHER', 4],
    ['2021-04/2022-03', '2021-04/2022-03', '2021-22', 'FINANCIAL_YEAR', 12],
  ];
  for (const [text, key, label, type, months] of cases) {
    test(`"${text}" is ${key}, ${label}, ${type}`, () => {
      const period = parsePeriod(text);
      assert.equal(period.key, key);
      assert.equal(period.label, label);
      assert.equal(period.type, type);
      assert.equal(period.months, months);
      assert.deepEqual(parsePeriod(period.label), period, 'the canonical label reads back as the same period');
      assert.deepEqual(periodFromKey(period.key), period, 'the key reads back as the same period');
    });
  }

  test('dates are the first day of the first month and the last day of the last', () => {
    assert.equal(periodFromKey('2013-04/2014-03').start, '2013-04-01');
    assert.equal(periodFromKey('2013-04/2014-03').end, '2014-03-31');
    assert.equal(periodFromKey('2024-02/2024-02').end, '2024-02-29');
    assert.equal(periodFromKey('2023-02/2023-02').end, '2023-02-28');
  });

  test('financial years start in April', () => {
    assert.equal(financialYearOf(monthIndex(2014, 3)), 2013);
    assert.equal(financialYearOf(monthIndex(2014, 4)), 2014);
    assert.equal(shiftPeriod(parsePeriod('Q2 2014-15'), -12).label, 'Q2 2013-14');
  });

  test('bad periods are errors that name the text', () => {
    assert.throws(() => parsePeriod('Q5 2014-15'), PeriodError);
    assert.throws(() => parsePeriod('2013-15'), /second year must follow the first/);
    assert.throws(() => periodFromKey('2014-09/2014-01'), /cannot end \(2014-01\) before it starts \(2014-09\)/);
    assert.throws(() => periodFromKey('2014-13/2014-13'), /no month 13/);
    assert.throws(() => parsePeriod('Smarch 2014'), /"Smarch" in "Smarch 2014" is not a month/);
    assert.throws(() => parsePeriod('last year'), /"last year" is not a period this API understands/);
  });
});

describe('rollPeriod: a dashboard column on the next dashboard', () => {
  const roll = (label: string, months: number) => rollPeriod(parsePeriod(label), months).label;
  test('a quarter, a rolling year and a month move on', () => {
    assert.equal(roll('Q2 2014-15', 3), 'Q3 2014-15');
    assert.equal(roll('12 months to Sep 2014', 3), '2014');
    assert.equal(roll('Apr-Jun 2014', 3), 'Q2 2014-15');
    assert.equal(roll('Sep 2014', 3), 'Dec 2014');
  });
  test('a year to date grows, and starts again at April in a new financial year', () => {
    assert.equal(roll('Apr-Sep 2014', 3), 'Apr-Dec 2014');
    assert.equal(roll('Apr-Dec 2014', 3), '2014-15');
    assert.equal(roll('Apr-Dec 2014', 6), 'Q1 2015-16');
  });
});
