/**
 * The request context after a write (src/context.ts refreshAfterWrite): its services read the
 * data as the write left it; and when the reference data cannot be read again, the committed
 * write is not reported as failed: the request goes on with what it first read.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../src/config';
import { contextFor, createContext, refreshAfterWrite } from '../src/context';
import { ReferenceData } from '../src/services/reference-data';
import { writeAccess } from '../src/services/publishing/access';
import { draftDashboard } from '../src/services/publishing/dashboards';
import { openTestDatabase, OpenTestDatabase } from './support/database';

describe('refreshAfterWrite', () => {
  let db: OpenTestDatabase;
  before(async () => {
    db = await openTestDatabase();
  });
  after(() => db?.close());

  test('after a write, the request\'s services see it (a new draft and its outcomes)', async () => {
    const context = await contextFor(db.dataSource, loadConfig({}));
    const board = writeAccess({ id: 'k-board', name: 'Safer Communities Board', role: 'ADMIN', areas: [] }, context.reference.geography);
    const { problems } = await draftDashboard(db.dataSource, board, { from: 'safer-communities-2014-15-q2', period: 'Q3 2014-15' });
    assert.deepEqual(problems, []);
    assert.equal(context.reference.dashboard('safer-communities-2014-15-q3'), null, 'the request read the data before the write');
    await refreshAfterWrite(context);
    assert.equal(context.reference.dashboard('safer-communities-2014-15-q3')?.status, 'DRAFT');
    assert.equal(context.reference.outcomesOf('safer-communities-2014-15-q3').length, 4);
  });

  test('when the reference data cannot be read again, the request goes on with what it read first', async () => {
    const reference = await ReferenceData.load(db.dataSource);
    const context = createContext(db.dataSource, loadConfig({}), reference, undefined, () => Promise.reject(new Error('connection lost')));
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      await refreshAfterWrite(context);
    } finally {
      console.warn = warn;
    }
    assert.equal(context.reference, reference);
    assert.match(String(warnings[0]), /A write committed, but the reference data could not be read again for its answer: connection lost/);
  });
});
