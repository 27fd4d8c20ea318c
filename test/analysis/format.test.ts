import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMeasure, formatSigned, formatValue, parsePrintedNumber, percentText } from '../../src/analysis/format';
import { IndicatorFacts } from '../../src/analysis/types';

describe('formatValue', () => {
  test('prints values the way the dashboard does', () => {
    assert.equal(formatValue(47.18, 'RATE', 2), '47.18');
    assert.equal(formatValue(38.9, 'PERCENTAGE', 1), '38.9%');
    assert.equal(formatValue(1259, 'COUNT', 0), '1,259');
    assert.equal(formatValue(0.6, 'RATE', 2), '0.60');
    assert.equal(formatValue(79, 'PERCENTAGE', 1), '79.0%');
    assert.equal(formatValue(1234567.891, 'RATE', 1), '1,234,567.9');
    assert.equal(formatValue(-1259, 'COUNT', 0), '-1,259');
    assert.equal(formatValue(-0.001, 'RATE', 2), '0.00');
  });

  test('missing is empty, not zero', () => {
    assert.equal(formatValue(null, 'COUNT', 0), '');
    assert.equal(formatValue(undefined, 'RATE', 2), '');
  });

  test('rejects what it cannot print', () => {
    assert.throws(() => formatValue(Number.NaN, 'RATE', 2), /not a finite number/);
    assert.throws(() => formatValue(1, 'RATE', -1), /decimals must be a whole number from 0 to 10/);
  });
});

describe('parsePrintedNumber', () => {
  test('reads printed values back with their decimals', () => {
    assert.deepEqual(parsePrintedNumber('1,259'), { value: 1259, decimals: 0, percent: false });
    assert.deepEqual(parsePrintedNumber('38.9%'), { value: 38.9, decimals: 1, percent: true });
    assert.deepEqual(parsePrintedNumber('0.60'), { value: 0.6, decimals: 2, percent: false });
    assert.deepEqual(parsePrintedNumber('.5'), { value: 0.5, decimals: 1, percent: false });
  });

  test('is null for what is not a printed number', () => {
    for (const text of ['', '%', '1,25', '12,3456', 'n/a', '1.2.3', '4 5']) assert.equal(parsePrintedNumber(text), null, text);
  });
});

describe('formatMeasure', () => {
  const crimeRate: IndicatorFacts = {
    name: 'Total Crime rate (per 1,000 population)', valueType: 'RATE', polarity: 'LOW_IS_GOOD', decimals: 2,
    unit: 'per 1,000 population', multiplier: 1000,
  };
  const reoffending: IndicatorFacts = { ...crimeRate, name: 'Rate of re-offending', unit: 're-offences per young offender', multiplier: 1 };
  const satisfied: IndicatorFacts = { ...crimeRate, name: 'Satisfied', valueType: 'PERCENTAGE', decimals: 1, unit: '%', multiplier: 100 };
  const entrants: IndicatorFacts = { ...crimeRate, name: 'First time entrants', valueType: 'COUNT', decimals: 0, unit: null, multiplier: 1 };

  test('prints the unit always, unless the name carries it, or never', () => {
    assert.equal(formatMeasure(crimeRate, 45.912), '45.91 per 1,000 population');
    assert.equal(formatMeasure(crimeRate, 45.912, 'always'), '45.91 per 1,000 population');
    assert.equal(formatMeasure(crimeRate, 45.912, 'unless-in-name'), '45.91');
    assert.equal(formatMeasure(crimeRate, 45.912, 'never'), '45.91');
    assert.equal(formatMeasure(reoffending, 1.04, 'unless-in-name'), '1.04 re-offences per young offender');
    assert.equal(formatMeasure(reoffending, 1.04, 'never'), '1.04');
  });

  test('a percentage always has its % sign and nothing else; a count without a unit is the bare number', () => {
    for (const unit of ['always', 'unless-in-name', 'never'] as const) {
      assert.equal(formatMeasure(satisfied, 38.94, unit), '38.9%');
      assert.equal(formatMeasure({ ...satisfied, unit: null }, 38.94, unit), '38.9%');
      assert.equal(formatMeasure({ ...crimeRate, valueType: 'RATIO', unit: ' % ' }, 38.94, unit), '38.94%');
      assert.equal(formatMeasure(entrants, 1259, unit), '1,259');
    }
    assert.equal(formatMeasure({ ...crimeRate, unit: '  per 1,000 population ' }, 45.9), '45.90 per 1,000 population');
    assert.equal(formatMeasure({ ...crimeRate, unit: '  ' }, 45.9), '45.90');
  });
});

describe('formatSigned and percentText', () => {
  test('a change has a + only when it prints as more than zero', () => {
    assert.equal(formatSigned(1.2699999, 2), '+1.27');
    assert.equal(formatSigned(-0.4, 2), '-0.40');
    assert.equal(formatSigned(0, 3), '0.000');
    assert.equal(formatSigned(0.0001, 3), '0.000');
    assert.equal(formatSigned(-0.0001, 3), '0.000');
    assert.equal(formatSigned(1234.5, 1), '+1,234.5');
  });

  test('a fraction as a percentage without noise', () => {
    assert.equal(percentText(0.95), '95%');
    assert.equal(percentText(0.998), '99.8%');
    assert.equal(percentText(0.05), '5%');
    assert.equal(percentText(0.125), '12.5%');
  });
});
