import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardNarrative, listOf, NarrativeOutcome, outcomeNarrative, shortName } from '../../src/analysis/narrative';

const outcome: NarrativeOutcome = {
  position: 1,
  title: 'Ongoing reductions in crime',
  area: 'Leicestershire',
  rows: [
    { indicator: 'Burglary per 1,000 population (police.uk)', direction: 'IMPROVING', from: '3.96', to: '2.65', flag: 'NONE', comparison: { outcome: 'BETTER', against: 'the peer average', period: '2021-22' } },
    { indicator: 'Vehicle crime per 1,000 population (police.uk)', direction: 'WORSENING', from: '3.76', to: '5.37', flag: 'RED_RED', comparison: { outcome: 'WORSE', against: 'the peer average', period: '2021-22' } },
    { indicator: 'Hate incidents (per 1,000 population)', direction: 'NOT_COMPARABLE', from: '0.64', to: '0.33', flag: 'UNKNOWN', comparison: null },
  ],
  published: { rag: 'GREEN', direction: 'IMPROVING' },
  computed: { rag: 'AMBER', direction: 'NO_CHANGE' },
};

describe('narrative templates', () => {
  test('lists and short names', () => {
    assert.equal(listOf([]), '');
    assert.equal(listOf(['A']), 'A');
    assert.equal(listOf(['A', 'B', 'C']), 'A, B and C');
    assert.equal(shortName('Vehicle crime per 1,000 population (police.uk)'), 'Vehicle crime');
    assert.equal(shortName('Total Crime rate (per 1,000 population)'), 'Total Crime rate');
  });

  test('an outcome: changes, comparison, red-red, and why the data disagree with what was published, word for word', () => {
    assert.equal(outcomeNarrative(outcome), [
      'Since the previous year, Burglary (3.96 to 2.65) improved; Vehicle crime (3.76 to 5.37) got worse.',
      'Hate incidents cannot be judged, as the two values are for periods of different length.',
      'Against the peer average (2021-22), Leicestershire is better on Burglary and worse on Vehicle crime.',
      'Red-red: Leicestershire is worse than its comparator and getting worse on Vehicle crime.',
      'The dashboard published Green, ↑ improving, but the data say Amber, → no change: only Burglary and Vehicle crime can be judged from the data (1 improved and 1 got worse), while Hate incidents cannot.',
    ].join(' '));
  });

  test('a dashboard: the same, summed up; the same judgements give the same words', () => {
    const text = dashboardNarrative({ title: 'Safer Communities', area: 'Leicestershire', period: 'Q2 2014-15', outcomes: [outcome, { ...outcome, position: 2, published: null }] });
    assert.equal(text, dashboardNarrative({ title: 'Safer Communities', area: 'Leicestershire', period: 'Q2 2014-15', outcomes: [outcome, { ...outcome, position: 2, published: null }] }));
    assert.match(text, /^Safer Communities, Leicestershire, Q2 2014-15\. Of its 6 indicators, 2 improved, 2 got worse and 2 cannot be judged since the previous year; worse: Vehicle crime \(3\.76 to 5\.37\) and Vehicle crime \(3\.76 to 5\.37\)\./);
    assert.match(text, /For 0 of 1 outcomes the data agree with what was published; outcome 1 was published Green, ↑ improving but the data say Amber, → no change\.$/);
  });
});
