/**
 * Two levels of words for the comparisons (issue 10): every `explanation` is plain English for a
 * board member — no interval, limit, test or statistic named, numbers as the indicator prints them —
 * while every `method` keeps the technical account. Checked over generated comparisons of every
 * kind: a value against a benchmark, districts against their county, a group with and without
 * overdispersion (each method), an ad-hoc list, and the NOT_COMPARED cases.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareAreas, compareWithBenchmark, Comparison, districtComparison, GroupComparison, groupComparison } from '../../src/analysis/comparison';
import { OVERDISPERSION_CHOICES } from '../../src/analysis/overdispersion';
import { monthIndex, periodFromMonths } from '../../src/analysis/periods';
import { IndicatorFacts, Polarity, ValuePoint } from '../../src/analysis/types';

/** What a board member should never have to read: statistics' names, their symbols, formulas' words. */
export const TECHNICAL = /\b(CI|chi|phi|tau|z-scores?|Poisson|Byar|Wilson|funnel|denominators?|winsor\w*|degrees? of freedom|percentiles?|interval|control limits?|significant at)\b|\bp\s*[=<]|[χφτθσ√Σ²]/i;

const YEAR = periodFromMonths(monthIndex(2021, 4), monthIndex(2022, 3));

const FACTS: Record<IndicatorFacts['valueType'], Omit<IndicatorFacts, 'polarity'>> = {
  RATE: { name: 'Crime rate', valueType: 'RATE', unit: 'per 1,000 population', multiplier: 1000, decimals: 2 },
  PERCENTAGE: { name: 'Re-offending', valueType: 'PERCENTAGE', unit: '%', multiplier: 100, decimals: 1 },
  COUNT: { name: 'Crimes', valueType: 'COUNT', unit: null, multiplier: 1, decimals: 0 },
  RATIO: { name: 'Re-offences per offender', valueType: 'RATIO', unit: 're-offences per offender', multiplier: 1, decimals: 2 },
};

const NAMES = ['Blaby', 'Charnwood', 'Harborough', 'Hinckley and Bosworth', 'Melton', 'North West Leicestershire', 'Oadby and Wigston', 'Rutland', 'Derbyshire', 'Staffordshire', 'Lincolnshire', 'Wales'];

/** A member: counts (rates, percentages), published limits only, or no value. */
const memberShape = fc.record({
  kind: fc.constantFrom('counts', 'counts', 'counts', 'published', 'missing'),
  size: fc.oneof(fc.integer({ min: 20, max: 2000 }), fc.integer({ min: 50000, max: 900000 })),
  share: fc.double({ min: 0, max: 0.2, noNaN: true }),
  half: fc.double({ min: 0.01, max: 5, noNaN: true }),
});

function pointOf(facts: IndicatorFacts, name: string, m: { kind: string; size: number; share: number; half: number }): ValuePoint {
  const base = { areaName: name, areaCode: `E-${name}`, period: YEAR };
  if (m.kind === 'missing') return { ...base, value: null, numerator: null, denominator: null };
  const events = Math.round(m.share * m.size);
  const scale = facts.valueType === 'PERCENTAGE' ? 100 : facts.multiplier;
  const value = facts.valueType === 'COUNT' ? events : facts.valueType === 'RATIO' ? m.share * 10 : (events / m.size) * scale;
  if (m.kind === 'published' || facts.valueType === 'RATIO') {
    // A ratio without limits half the time: NOT_COMPARED.
    const limits = facts.valueType === 'RATIO' && m.half > 2.5 ? {} : {
      lowerCI95: Math.max(0, value - m.half), upperCI95: value + m.half, lowerCI998: Math.max(0, value - 1.6 * m.half), upperCI998: value + 1.6 * m.half,
    };
    return { ...base, value, numerator: null, denominator: null, ...limits };
  }
  return { ...base, value, numerator: events, denominator: facts.valueType === 'COUNT' ? null : m.size };
}

const scenario = fc.record({
  valueType: fc.constantFrom<IndicatorFacts['valueType']>('RATE', 'RATE', 'PERCENTAGE', 'COUNT', 'RATIO'),
  polarity: fc.constantFrom<Polarity>('HIGH_IS_GOOD', 'LOW_IS_GOOD', 'NO_JUDGEMENT'),
  members: fc.array(memberShape, { minLength: 1, maxLength: NAMES.length }),
  overdispersion: fc.constantFrom(...OVERDISPERSION_CHOICES),
  label: fc.constantFrom(undefined, 'Two-tier counties in the shared police.uk downloads average', 'CIPFA nearest neighbours average'),
});

function checkWords(comparison: Comparison, facts: IndicatorFacts): void {
  assert.doesNotMatch(comparison.explanation, TECHNICAL, comparison.explanation);
  assert.ok(comparison.method.length > 0, 'a method');
  assert.doesNotMatch(comparison.explanation, /\de[+-]?\d|NaN|Infinity/, comparison.explanation);
  // Raw floats never reach the text: values at the indicator's decimals, percentages of difference at one.
  for (const [, decimals] of comparison.explanation.matchAll(/\d\.(\d+)/g)) {
    assert.ok(decimals.length <= Math.max(1, facts.decimals), `${comparison.explanation}: a number with ${decimals.length} decimals`);
  }
  if (comparison.outcome !== 'NOT_COMPARED') {
    // The method carries what the explanation leaves out: the intervals or the limits, with their numbers.
    assert.match(comparison.method, comparison.funnel ? /95% limits .+, 99\.8% limits .+; (within|outside)/ : /\d+(\.\d+)?% CI \d/, comparison.method);
  }
}

function checkGroup(result: GroupComparison, facts: IndicatorFacts): void {
  assert.doesNotMatch(result.explanation, TECHNICAL, result.explanation);
  assert.doesNotMatch(result.explanation, /quartile/i, result.explanation);
  for (const member of result.members) checkWords(member, facts);
  if (result.overdispersion) {
    assert.doesNotMatch(result.overdispersion.explanation, TECHNICAL, result.overdispersion.explanation);
    // The technical account keeps φ, and the test when there were enough members to make it.
    assert.match(result.overdispersion.technical, /φ = /);
    if (result.overdispersion.bound !== null) assert.match(result.overdispersion.technical, /χ² with \d+ degrees of freedom/);
    assert.match(result.method, /φ = /);
  }
}

describe('two levels of words: explanations are plain, methods technical', () => {
  test('the examples of the issue, in plain words', () => {
    const facts: IndicatorFacts = { ...FACTS.RATE, polarity: 'LOW_IS_GOOD' };
    const harborough = { areaName: 'Harborough', areaCode: 'E07000131', period: YEAR, value: 4.21, numerator: null, denominator: null, lowerCI95: 3.82, upperCI95: 4.63, lowerCI998: 3.61, upperCI998: 4.88 };
    const result = compareWithBenchmark(facts, harborough, { label: 'Leicestershire', value: 6.12 });
    assert.equal(result.explanation, "Harborough, 4.21 per 1,000 population, is 31.2% lower than Leicestershire's 6.12: better, by more than chance would explain (99.8% confidence).");
    assert.match(result.method, /Harborough 4\.21 per 1,000 population \(95% CI 3\.82–4\.63; 99\.8% CI 3\.61–4\.88\) against Leicestershire 6\.12: the 99\.8% interval excludes it$/);
    const oadby = { ...harborough, areaName: 'Oadby and Wigston', value: 5.54, lowerCI95: 4.9, upperCI95: 6.2, lowerCI998: 4.6, upperCI998: 6.6 };
    assert.equal(
      compareWithBenchmark(facts, oadby, { label: 'Leicestershire', value: 6.12 }).explanation,
      "Oadby and Wigston, 5.54 per 1,000 population, is 9.5% lower than Leicestershire's 6.12: similar, within what chance would explain.",
    );
    // A percentage differs by percentage points; an average-like label that does not end in "average" comes after the value.
    const pct: IndicatorFacts = { ...FACTS.PERCENTAGE, polarity: 'LOW_IS_GOOD' };
    const listed = compareWithBenchmark(pct, { ...harborough, value: 38.9, lowerCI95: 37.1, upperCI95: 40.7, lowerCI998: 36.0, upperCI998: 41.8 }, { label: 'average of the areas', value: 35.0 });
    assert.equal(listed.explanation, 'Harborough, 38.9%, is 3.9 percentage points higher than 35.0%, the average of the areas: worse, by more than chance would explain (99.8% confidence).');
  });

  test('property: over generated comparisons of every kind, no explanation names a statistic and every method does', () => {
    fc.assert(
      fc.property(scenario, ({ valueType, polarity, members, overdispersion, label }) => {
        const facts: IndicatorFacts = { ...FACTS[valueType], polarity };
        const points = members.map((m, i) => pointOf(facts, NAMES[i], m));
        // A group against its average (funnel limits, each overdispersion method).
        const group = groupComparison(facts, points, points[0].areaCode, { label, overdispersion });
        checkGroup(group, facts);
        // An ad-hoc list.
        checkGroup(compareAreas(facts, points[0], points.slice(1), { overdispersion }), facts);
        // Districts against their county (its value from the first member's shape, or none).
        const county = { ...pointOf(facts, 'Leicestershire', members[0]), areaCode: 'E10000018' };
        const districts = points.slice(1);
        if (districts.length > 0) checkGroup(districtComparison(facts, county, districts), facts);
        // One area against another, with and without a value.
        for (const other of [points[points.length - 1], county]) {
          checkWords(compareWithBenchmark(facts, points[0], { label: other.areaName, value: other.value }), facts);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('large overdispersed groups: every method, plain words', () => {
    const facts: IndicatorFacts = { ...FACTS.RATE, polarity: 'LOW_IS_GOOD' };
    // The nine peer counties' 2021-22 all-crime numbers (test/analysis/overdispersion.test.ts, worked example 1), spread wide.
    const counties: Array<[string, number, number]> = [
      ['Staffordshire', 43985, 883172], ['Gloucestershire', 41197, 640650], ['Warwickshire', 37500, 580000], ['Cambridgeshire', 43000, 660000],
      ['Leicestershire', 47000, 713085], ['Nottinghamshire', 57000, 830000], ['Worcestershire', 43000, 600000], ['Derbyshire', 60000, 800000], ['Lincolnshire', 58000, 770000],
    ];
    const points = counties.map(([name, events, size]) => ({ areaName: name, areaCode: `E-${name}`, period: YEAR, value: (events / size) * 1000, numerator: events, denominator: size }));
    for (const choice of OVERDISPERSION_CHOICES) {
      const result = groupComparison(facts, points, 'E-Leicestershire', { overdispersion: choice, label: 'peer group average' });
      assert.equal(result.overdispersion?.overdispersed, true, choice);
      checkGroup(result, facts);
    }
  });
});
