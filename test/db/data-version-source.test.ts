/** A request is never answered with a data version read before it arrived, and concurrent requests share reads. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DataVersionSource } from '../../src/db/data-version';

function controlledReads() {
  const pending: Array<(version: number) => void> = [];
  let started = 0;
  const source = new DataVersionSource(() => {
    started++;
    return new Promise<number>((resolve) => pending.push(resolve));
  });
  return { source, pending, started: () => started };
}

describe('DataVersionSource', () => {
  test('requests that arrive during a read wait for the next one, which they share', async () => {
    const { source, pending, started } = controlledReads();
    const first = source.read();
    assert.equal(started(), 1);
    // These arrive while the first read is in flight: it may predate a write they must see.
    const second = source.read();
    const third = source.read();
    assert.equal(started(), 1, 'no second read until the first ends');
    pending[0](1);
    assert.equal(await first, 1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(started(), 2, 'one read for both waiting requests');
    pending[1](2);
    assert.deepEqual([await second, await third], [2, 2]);
  });

  test('a failed read fails its requests, and the next request reads again', async () => {
    let calls = 0;
    const source = new DataVersionSource(async () => {
      calls++;
      if (calls === 1) throw new Error('database down');
      return 7;
    });
    await assert.rejects(source.read(), /database down/);
    assert.equal(await source.read(), 7);
  });
});
