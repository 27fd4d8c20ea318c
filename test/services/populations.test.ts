import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sumPopulations } from '../../src/services/populations';

describe('sumPopulations', () => {
  const stored: Record<string, number> = { E06000052: 571802, E06000054: 500000, E09000012: 291879 };
  const lookup = (code: string): number | undefined => stored[code];

  test('a sum with every district is their total', () => {
    assert.equal(sumPopulations(['E06000052', 'E06000054'], 2019, lookup), 1071802);
  });

  test('the Isles of Scilly are inside Cornwall\'s figure, so a sum with both is whole', () => {
    assert.equal(sumPopulations(['E06000052', 'E06000053', 'E06000054'], 2019, lookup), 1071802);
  });

  test('without its host, or with another gap, the sum is null, never a guess', () => {
    assert.equal(sumPopulations(['E06000053', 'E06000054'], 2019, lookup), null);
    assert.equal(sumPopulations(['E06000052', 'E06000055'], 2019, lookup), null);
  });

  test('the City of London is inside Hackney\'s figure only in 2020', () => {
    assert.equal(sumPopulations(['E09000001', 'E09000012'], 2020, lookup), 291879);
    assert.equal(sumPopulations(['E09000001', 'E09000012'], 2022, lookup), null);
  });
});
