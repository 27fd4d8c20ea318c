import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriod } from '../../src/analysis/periods';
import { choosePopulationYear, populationYearFor } from '../../src/analysis/population-year';

describe('the population year of a period', () => {
  test('is the year of the period\'s middle', () => {
    assert.equal(populationYearFor(parsePeriod('2021-22')), 2021);
    assert.equal(populationYearFor(parsePeriod('12 months to Mar 2022')), 2021);
    assert.equal(populationYearFor(parsePeriod('12 months to Oct 2022')), 2022);
    assert.equal(populationYearFor(parsePeriod('Q4 2021-22')), 2022);
    assert.equal(populationYearFor(parsePeriod('Dec 2019')), 2019);
    assert.equal(populationYearFor(parsePeriod('2021')), 2021);
    assert.equal(populationYearFor(parsePeriod('Jul-Dec 2020')), 2020);
  });

  test('falls back to the nearest year loaded, the earlier on a tie, and says so', () => {
    assert.deepEqual(choosePopulationYear(parsePeriod('2020-21'), [2019, 2020, 2022]), { year: 2020, wanted: 2020, note: null });
    const tie = choosePopulationYear(parsePeriod('2021-22'), [2019, 2020, 2022]);
    assert.equal(tie.year, 2020);
    assert.match(tie.note!, /mid-2021 population estimate is not loaded; the nearest, mid-2020, is used/);
    assert.equal(choosePopulationYear(parsePeriod('2023-24'), [2019, 2020, 2022]).year, 2022);
    assert.equal(choosePopulationYear(parsePeriod('2013-14'), []).year, null);
  });
});
