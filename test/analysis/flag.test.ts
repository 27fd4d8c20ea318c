import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { flagOf, FlagComparison, FlagTrend } from '../../src/analysis/flag';

const worse: FlagComparison = { outcome: 'WORSE', against: 'the peer average', level: 0.998, period: '2021-22' };
const similar: FlagComparison = { outcome: 'SIMILAR', against: 'the peer average', level: null, period: '2021-22' };
const worsening: FlagTrend = { direction: 'WORSENING', significant: true, label: 'Increasing and getting worse' };
const steady: FlagTrend = { direction: 'NO_CHANGE', significant: false, label: 'No significant change' };

describe('flagOf', () => {
  test('the four answers when both questions can be answered', () => {
    assert.deepEqual(flagOf('Vehicle crime', 'Leicestershire', worse, worsening), {
      flag: 'RED_RED', explanation: 'Red-red: Leicestershire is worse than the peer average on Vehicle crime (2021-22), and getting worse.',
    });
    assert.equal(flagOf('Vehicle crime', 'Leicestershire', worse, steady).flag, 'WORSE_NOT_WORSENING');
    assert.equal(flagOf('Vehicle crime', 'Leicestershire', similar, worsening).flag, 'WORSENING_NOT_WORSE');
    assert.equal(flagOf('Vehicle crime', 'Leicestershire', similar, steady).flag, 'NONE');
    assert.equal(flagOf('Vehicle crime', 'Leicestershire', { ...similar, outcome: 'BETTER' }, { ...worsening, significant: false }).flag, 'NONE', 'a worsening that is not significant is not a worsening');
  });

  test('UNKNOWN, with every reason, when the data cannot say; never a guess from half the evidence', () => {
    const noComparison = flagOf('Burglary', 'Leicestershire', { unavailable: 'Not compared: no member has a value.' }, worsening);
    assert.deepEqual(noComparison, { flag: 'UNKNOWN', explanation: 'No flag for Leicestershire: the comparison cannot be made (no member has a value).' });
    const neither = flagOf('Burglary', 'Leicestershire', { ...worse, outcome: 'NOT_COMPARED' }, { direction: 'NO_DATA', significant: false, label: 'Cannot be calculated: needs 5 points.' });
    assert.equal(neither.flag, 'UNKNOWN');
    assert.match(neither.explanation, /could not be compared with the peer average; and the recent trend cannot be calculated \(Cannot be calculated: needs 5 points\)/);
    const noPolarity = flagOf('Referrals', 'Leicestershire', { ...worse, outcome: 'HIGHER' }, { direction: 'INCREASING', significant: true, label: 'Increasing' });
    assert.equal(noPolarity.flag, 'UNKNOWN');
    assert.match(noPolarity.explanation, /has no better direction/);
  });
});
