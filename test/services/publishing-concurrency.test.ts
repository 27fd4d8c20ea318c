/**
 * Publishing writes that arrive at the same moment (on PostgreSQL they run side by side; SQLite
 * queues them): partners writing the same new cell, and a partner writing while the board
 * publishes. Each write either lands whole, with its audit event telling what it replaced, or is
 * refused with a problem; none fails with a server error, and none is lost or left half-done.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuditEvent, Observation } from '../../src/entities';
import { ReferenceData } from '../../src/services/reference-data';
import { writeAccess, WriteAccess } from '../../src/services/publishing/access';
import { draftDashboard, publishDashboard } from '../../src/services/publishing/dashboards';
import { setValues } from '../../src/services/publishing/values';
import { openTestDatabase, OpenTestDatabase, testDatabaseKind } from '../support/database';

const Q2 = 'safer-communities-2014-15-q2';
const Q3 = 'safer-communities-2014-15-q3';
const LEICESTERSHIRE = 'E10000018';
const BLABY = 'E07000129';
const CRIME = 'safer-communities/total-crime-rate';

describe(`publishing writes at the same moment (${testDatabaseKind()})`, () => {
  let db: OpenTestDatabase;
  let police: WriteAccess;
  let board: WriteAccess;

  before(async () => {
    db = await openTestDatabase();
    const { geography } = await ReferenceData.load(db.dataSource);
    police = writeAccess({ id: 'k-police', name: 'Leicestershire Police', role: 'EDITOR', areas: [LEICESTERSHIRE] }, geography);
    board = writeAccess({ id: 'k-board', name: 'Safer Communities Board', role: 'ADMIN', areas: [] }, geography);
    assert.deepEqual((await draftDashboard(db.dataSource, police, { from: Q2, period: 'Q3 2014-15' })).problems, []);
  });
  after(() => db?.close());

  test('ten writes of one new cell at once: all land, one after another, and the audit trail chains them', async () => {
    const values = [40.1, 40.2, 40.3, 40.4, 40.5, 40.6, 40.7, 40.8, 40.9, 41.0];
    const results = await Promise.all(values.map((value) =>
      setValues(db.dataSource, police, [{ indicator: CRIME, area: BLABY, period: '12 months to Dec 2014', value }])));
    for (const result of results) assert.deepEqual(result.problems, []);
    const stored = await db.dataSource.manager.find(Observation, { where: { indicatorId: CRIME, areaCode: BLABY, periodKey: '2014-01/2014-12' } });
    assert.equal(stored.length, 1, 'one row for the cell');
    const events = await db.dataSource.manager.find(AuditEvent, { where: { target: `${CRIME}/${BLABY}/2014-01/2014-12` } });
    assert.equal(events.length, 10, 'one audit event per accepted write');
    // Each write replaced exactly what the one before it wrote: the first nothing, the rest each other's value.
    const before = events.map((e) => (e.before === null ? null : JSON.parse(e.before).value as number));
    const afterValues = events.map((e) => JSON.parse(e.after!).value as number);
    assert.equal(before.filter((v) => v === null).length, 1, 'exactly one write created the cell');
    const last = afterValues.find((v) => !before.includes(v));
    assert.equal(stored[0].value, last, 'the stored value is the one no later write replaced');
    assert.deepEqual([...before.filter((v) => v !== null), last].sort(), [...afterValues].sort(), 'every value written was seen by the next write');
  });

  test('a partner writing while the board publishes: the value is published with the dashboard, or refused', async () => {
    const [published, written] = await Promise.all([
      publishDashboard(db.dataSource, board, Q3),
      setValues(db.dataSource, police, [{ indicator: CRIME, area: LEICESTERSHIRE, period: '12 months to Dec 2014', value: 45.02 }]),
    ]);
    assert.deepEqual(published.problems, []);
    if (written.problems.length > 0) assert.match(written.problems[0].message, /published dashboard safer-communities-2014-15-q3/);
    const stuck = await db.dataSource.manager.count(Observation, { where: { embargo: Q3 } });
    assert.equal(stuck, 0, 'no value is left waiting for a dashboard that is already published');
  });
});
