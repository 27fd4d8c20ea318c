import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkValue, decimalsOf, givenNumber, ValueRuleReference, ValueSubmission } from '../../src/analysis/value-rules';

const reference: ValueRuleReference = {
  indicators: new Map([
    ['x/rate', { id: 'x/rate', name: 'Crime rate', unit: 'per 1,000 population', valueType: 'RATE', derivation: null }],
    ['x/share', { id: 'x/share', name: 'Share', unit: '%', valueType: 'PERCENTAGE', derivation: null }],
    ['x/derived', { id: 'x/derived', name: 'Derived', unit: null, valueType: 'COUNT', derivation: 'police-uk' }],
  ]),
  areas: new Map([['E07000129', { code: 'E07000129', name: 'Blaby' }]]),
};

const submission = (fields: Partial<ValueSubmission>): ValueSubmission => ({
  indicator: 'x/rate', area: 'E07000129', period: '2013-14', value: givenNumber(44.74), numerator: givenNumber(4250), denominator: givenNumber(95000),
  lowerCI95: null, upperCI95: null, lowerCI998: null, upperCI998: null, note: null, ...fields,
});

describe('value rules', () => {
  test('decimals of a number as written in its shortest form', () => {
    assert.equal(decimalsOf(47.18), 2);
    assert.equal(decimalsOf(1259), 0);
    assert.equal(decimalsOf(0.000001), 6);
    assert.equal(decimalsOf(1e-7), 7);
    assert.equal(decimalsOf(1.5e-7), 8);
    assert.deepEqual(givenNumber(Number.NaN), { problem: 'NaN is not a finite number' });
    assert.equal(givenNumber(null), null);
  });

  test('a good value passes, with its period read', () => {
    const result = checkValue(submission({}), reference);
    assert.deepEqual(result.problems, []);
    assert.equal(result.value?.period.key, '2013-04/2014-03');
    assert.equal(result.value?.value, 44.74);
  });

  test('every problem is reported, each naming its field; firstOnly stops at the first', () => {
    const bad = submission({ indicator: 'x/nope', area: 'E99', period: 'Q9 2014', value: givenNumber(-3), denominator: givenNumber(0) });
    const all = checkValue(bad, reference);
    assert.deepEqual(all.problems.map((p) => p.field), ['indicator', 'area', 'period', 'denominator']);
    assert.equal(all.value, null);
    assert.deepEqual(checkValue(bad, reference, { firstOnly: true }).problems.map((p) => p.field), ['indicator']);
  });

  test('a percentage above 100, a value that disagrees with its counts, a derived indicator, a value left out without a note', () => {
    assert.match(checkValue(submission({ indicator: 'x/share', value: givenNumber(120), numerator: null, denominator: null }), reference).problems[0].message, /is above 100/);
    assert.match(checkValue(submission({ value: givenNumber(45.5) }), reference).problems[0].message, /does not match numerator \/ denominator × 1,000/);
    assert.match(checkValue(submission({ indicator: 'x/derived' }), reference).problems[0].message, /is derived/);
    assert.deepEqual(checkValue(submission({ value: null, numerator: null, denominator: null }), reference).problems.map((p) => p.field), ['value']);
    assert.deepEqual(checkValue(submission({ value: null, numerator: null, denominator: null, note: 'suppressed' }), reference).problems, []);
  });

  test('numbers with more decimals than are printed (5e-324 from the API, 14 decimals in a CSV) are quoted as written, not a crash', () => {
    const tiny = checkValue(submission({ value: givenNumber(5e-324), numerator: givenNumber(5e-324), denominator: givenNumber(5e-324) }), reference);
    assert.deepEqual(tiny.problems.map((p) => p.message), ['5e-324 does not match numerator / denominator × 1,000: 5e-324 / 5e-324 × 1,000 = 1,000.0000000000 (per 1,000 population); check the three numbers']);
    const share = checkValue(submission({ indicator: 'x/share', value: givenNumber(101), numerator: { value: 0.00000000000002, decimals: 14 }, denominator: { value: 0.00000000000001, decimals: 14 } }), reference);
    assert.match(share.problems.map((p) => p.message).join(' | '), /2e-14 is more than the denominator 1e-14/);
    const limit = checkValue(submission({ lowerCI95: givenNumber(1e-20), upperCI95: givenNumber(1e-30) }), reference);
    assert.match(limit.problems.map((p) => p.message).join(' | '), /1e-30 is below the value 44\.74/);
  });
});
