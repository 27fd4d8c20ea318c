import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatValue, parsePrintedNumber } from '../../src/analysis/format';

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
