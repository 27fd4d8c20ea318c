/**
 * Write transactions side by side: partners submitting at the same moment each get their write
 * made, with its audit event, and a transaction that fails undoes only its own work. On SQLite
 * they run one after another (one connection); on PostgreSQL together.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { transaction } from '../../src/db/transaction';
import { AuditEvent, Observation } from '../../src/entities';
import { writeAccess } from '../../src/services/publishing/access';
import { setValues } from '../../src/services/publishing/values';
import { ReferenceData } from '../../src/services/reference-data';
import { openTestDatabase, OpenTestDatabase, testDatabaseKind } from '../support/database';

/** Leicestershire's districts: a cell each, which no published dashboard shows. */
const DISTRICTS = ['E07000129', 'E07000130', 'E07000131', 'E07000132', 'E07000133', 'E07000134', 'E07000135'];

describe(`write transactions side by side on ${testDatabaseKind()}`, () => {
  let db: OpenTestDatabase;
  before(async () => {
    db = await openTestDatabase();
  });
  after(() => db?.close());

  test('seven setValues at once each write their value and audit event; a failing transaction among them undoes only itself', async () => {
    const { geography } = await ReferenceData.load(db.dataSource);
    const board = writeAccess({ id: 'k-board', name: 'Safer Communities Board', role: 'ADMIN', areas: [] }, geography);
    const events = await db.dataSource.manager.count(AuditEvent);
    const failing = transaction(db.dataSource, async (manager) => {
      await manager.update(Observation, { areaCode: 'E10000018' }, { note: 'half-made' });
      throw new Error('failed after writing');
    });
    const results = await Promise.allSettled([
      failing,
      ...DISTRICTS.map((area, i) => setValues(db.dataSource, board, [{ indicator: 'safer-communities/total-crime-rate', area, period: '12 months to Dec 2014', value: 40 + i }])),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', ...DISTRICTS.map(() => 'fulfilled')], JSON.stringify(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))));
    assert.match(String((results[0] as PromiseRejectedResult).reason), /failed after writing/);
    for (const result of results.slice(1)) assert.deepEqual((result as PromiseFulfilledResult<{ problems: unknown[] }>).value.problems, []);
    assert.equal(await db.dataSource.manager.count(AuditEvent), events + DISTRICTS.length);
    const written = await db.dataSource.manager.find(Observation, { where: { periodKey: '2014-01/2014-12', indicatorId: 'safer-communities/total-crime-rate' }, order: { areaCode: 'ASC' } });
    assert.deepEqual(written.filter((o) => DISTRICTS.includes(o.areaCode)).map((o) => o.value), DISTRICTS.map((_, i) => 40 + i));
    assert.equal(await db.dataSource.manager.count(Observation, { where: { note: 'half-made' } }), 0, 'the failed transaction\'s write was undone');
  });
});
