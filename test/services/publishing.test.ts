/**
 * Quarterly publishing in the services (the same over HTTP with real keys is
 * test/e2e/publishing.test.ts): draft Q3 2014-15 from the published Q2 dashboard, fill it as
 * three partners, publish it, correct a published value; every refusal reports its problems by
 * path and writes nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuditEvent, Dashboard, Observation, OutcomeAssessment, OutcomeIndicator } from '../../src/entities';
import { createLoaders } from '../../src/loaders';
import { ReferenceData } from '../../src/services/reference-data';
import { writeAccess, WriteAccess } from '../../src/services/publishing/access';
import { listAuditEvents } from '../../src/services/publishing/audit';
import { draftDashboard, publishDashboard, setOutcomeAssessment } from '../../src/services/publishing/dashboards';
import { outcomeHistory } from '../../src/services/publishing/history';
import { correctValue, setValues } from '../../src/services/publishing/values';
import { openTestDatabase, OpenTestDatabase } from '../support/database';

const Q2 = 'safer-communities-2014-15-q2';
const Q3 = 'safer-communities-2014-15-q3';
const LEICESTERSHIRE = 'E10000018';
const BLABY = 'E07000129';

describe('publishing a quarter', () => {
  let db: OpenTestDatabase;
  let police: WriteAccess;
  let youthOffending: WriteAccess;
  let blaby: WriteAccess;
  let board: WriteAccess;
  let viewer: WriteAccess;

  /** Rows of the tables a refused write must leave alone. */
  async function state(): Promise<string> {
    const m = db.dataSource.manager;
    const [observations, events, dashboards, assessments] = await Promise.all([
      m.find(Observation, { order: { indicatorId: 'ASC', areaCode: 'ASC', periodKey: 'ASC' } }),
      m.count(AuditEvent), m.find(Dashboard, { order: { slug: 'ASC' } }), m.find(OutcomeAssessment, { order: { outcomeId: 'ASC' } }),
    ]);
    return JSON.stringify({ observations, events, dashboards, assessments });
  }

  before(async () => {
    db = await openTestDatabase();
    const { geography } = await ReferenceData.load(db.dataSource);
    police = writeAccess({ id: 'k-police', name: 'Leicestershire Police', role: 'EDITOR', areas: [LEICESTERSHIRE] }, geography);
    youthOffending = writeAccess({ id: 'k-yos', name: 'Youth Offending Service', role: 'EDITOR', areas: [LEICESTERSHIRE] }, geography);
    blaby = writeAccess({ id: 'k-blaby', name: 'Blaby District Council', role: 'EDITOR', areas: [BLABY] }, geography);
    board = writeAccess({ id: 'k-board', name: 'Safer Communities Board', role: 'ADMIN', areas: [] }, geography);
    viewer = writeAccess({ id: 'k-viewer', name: 'Researcher', role: 'VIEWER', areas: [LEICESTERSHIRE] }, geography);
  });
  after(() => db?.close());

  test('an EDITOR key covers its county\'s districts; a district key covers neither the county nor another district', () => {
    assert.ok(police.covers(LEICESTERSHIRE) && police.covers(BLABY));
    assert.ok(blaby.covers(BLABY));
    assert.ok(!blaby.covers(LEICESTERSHIRE) && !blaby.covers('E07000130'));
    assert.ok(board.covers('E06000016') && !viewer.covers(LEICESTERSHIRE));
  });

  test('draftDashboard copies Q2\'s outcomes and indicators for Q3, each column\'s period rolled on', async () => {
    await assert.rejects(draftDashboard(db.dataSource, null, { from: Q2, period: 'Q3 2014-15' }), { name: 'Unauthenticated' });
    await assert.rejects(draftDashboard(db.dataSource, viewer, { from: Q2, period: 'Q3 2014-15' }), { name: 'Forbidden' });
    const refused = await draftDashboard(db.dataSource, blaby, { from: Q2, period: 'Q2 2014-15' });
    assert.deepEqual(refused.problems.map((p) => p.path).sort(), ['input.from', 'input.period', 'input.slug']);

    const { dashboard, problems } = await draftDashboard(db.dataSource, police, { from: Q2, period: 'Q3 2014-15' });
    assert.deepEqual(problems, []);
    assert.equal(dashboard?.slug, Q3);
    assert.equal(dashboard?.status, 'DRAFT');
    assert.equal(dashboard?.previousSlug, Q2);
    assert.equal(dashboard?.previousPeriodLabel, '2013-14');
    assert.equal(dashboard?.latestPeriodLabel, '2014', '12 months to Sep 2014 → 12 months to Dec 2014: the calendar year');
    const rows = await db.dataSource.manager.find(OutcomeIndicator, { where: { outcomeId: `${Q3}/outcomes/2` }, order: { position: 'ASC' } });
    // Q2 2014-15 → Q3; Apr-Jun 2014 → Jul-Sep 2014; Oct 2013 - Sep 2014 → Jan-Dec 2014.
    assert.deepEqual(rows.map((r) => r.latestPeriodKey), ['2014-10/2014-12', '2014-07/2014-09', '2014-01/2014-12']);
    const referrals = await db.dataSource.manager.findOneByOrFail(OutcomeIndicator, { outcomeId: `${Q3}/outcomes/3`, position: 2 });
    assert.equal(referrals.latestPeriodKey, '2014-04/2014-12', 'a year to date grows: Apr-Sept → Apr-Dec');
    assert.equal(await db.dataSource.manager.count(OutcomeAssessment, { where: { outcomeId: `${Q3}/outcomes/1` } }), 0);

    const again = await draftDashboard(db.dataSource, police, { from: Q2, period: 'Q3 2014-15' });
    assert.match(again.problems.map((p) => p.message).join(' '), /already a dashboard "safer-communities-2014-15-q3"/);
  });

  test('setValues reports every problem of every item by its path, and then writes nothing', async () => {
    const before = await state();
    const result = await setValues(db.dataSource, blaby, [
      { indicator: 'safer-communities/total-crime-rate', area: BLABY, period: '12 months to Dec 2014', value: 44.74, numerator: 4250, denominator: 95000 },
      { indicator: 'safer-communities/no-such-thing', area: BLABY, period: '12 months to Dec 2014', value: 1 },
      { indicator: 'safer-communities/total-crime-rate', area: 'E99999999', period: 'Q5 2014', value: 1 },
      { indicator: 'safer-communities/total-crime-rate', area: BLABY, period: '2014-15', value: 45.5, numerator: 4250, denominator: 95000 },
      { indicator: 'safer-communities/asb-victims', area: BLABY, period: 'Q3 2014-15', value: 120 },
      { indicator: 'safer-communities/total-crime-rate', area: LEICESTERSHIRE, period: '12 months to Dec 2014', value: 45.1 },
      { indicator: 'safer-communities/total-crime-rate', area: BLABY, period: '12 months to Dec 2014', value: 44.74 },
    ]);
    assert.deepEqual(result.values, []);
    assert.deepEqual(result.problems.map((p) => p.path), [
      'values[1].indicator', 'values[2].area', 'values[2].period', 'values[3].value', 'values[4].value', 'values[5].area', 'values[6].period',
    ]);
    assert.match(result.problems[5].message, /E10000018 \(Leicestershire\) is outside the areas of the key "Blaby District Council" \(E07000129 Blaby\)/);
    assert.match(result.problems[4].message, /above 100/);
    assert.match(result.problems[6].message, /already given at values\[0\]/);
    const published = await setValues(db.dataSource, police, [{ indicator: 'safer-communities/total-crime-rate', area: LEICESTERSHIRE, period: '2013-14', value: 47 }]);
    assert.match(published.problems[0].message, /shown by the published dashboard safer-communities-2014-15-q2; change it with correctValue/);
    assert.equal(await state(), before, 'nothing was written');
  });

  test('a partner\'s own confidence limits are checked as the tidy CSV checks them, and kept', async () => {
    const before = await state();
    const wrong = await setValues(db.dataSource, youthOffending, [
      { indicator: 'safer-communities/youth-reoffending-rate', area: LEICESTERSHIRE, period: 'Oct-Dec 2014', value: 0.31, lowerCI95: 0.35, upperCI95: 0.4 },
    ]);
    assert.deepEqual(wrong.problems.map((p) => p.path), ['values[0].lowerCI95']);
    assert.match(wrong.problems[0].message, /0\.35 is above the value 0\.31; a lower limit cannot be/);
    assert.equal(await state(), before, 'nothing written');
    const right = await setValues(db.dataSource, youthOffending, [
      { indicator: 'safer-communities/youth-reoffending-rate', area: LEICESTERSHIRE, period: 'Oct-Dec 2014', value: 0.31, lowerCI95: 0.22, upperCI95: 0.42, lowerCI998: 0.18, upperCI998: 0.47 },
    ]);
    assert.deepEqual(right.problems, []);
    const [stored] = right.values;
    assert.deepEqual([stored.lowerCI95, stored.upperCI95, stored.lowerCI998, stored.upperCI998], [0.22, 0.42, 0.18, 0.47]);
    const [event] = await db.dataSource.manager.find(AuditEvent, { where: { target: `safer-communities/youth-reoffending-rate/${LEICESTERSHIRE}/2014-10/2014-12` } });
    assert.equal(JSON.parse(event.after!).upperCI998, 0.47, 'the audit trail keeps them too');
  });

  test('overlong free text and too many items are problems at their paths, and nothing is written', async () => {
    const before = await state();
    const item = { indicator: 'safer-communities/total-crime-rate', area: LEICESTERSHIRE, period: '12 months to Dec 2014', value: 45.02 };
    const long = await setValues(db.dataSource, police, [{ ...item, note: 'x'.repeat(1001) }]);
    assert.deepEqual(long.problems, [{ path: 'values[0].note', message: 'is 1,001 characters; at most 1,000: a caveat about the value, e.g. "suppressed: fewer than 5 events"' }]);
    const many = await setValues(db.dataSource, police, Array.from({ length: 1001 }, () => item));
    assert.deepEqual(many.problems, [{ path: 'values', message: 'has 1,001 items; at most 1,000 in one call (use npm run import:csv for more)' }]);
    const reason = await correctValue(db.dataSource, board, { ...item, period: '2013-14', value: 47 }, 'y'.repeat(100_000));
    assert.deepEqual(reason.problems, [{ path: 'reason', message: 'is 100,000 characters; at most 1,000: say why in a sentence or two' }]);
    const comment = await setOutcomeAssessment(db.dataSource, police, { outcome: `${Q3}/outcomes/1`, comment: 'z'.repeat(4001) });
    assert.deepEqual(comment.problems.map((p) => p.path), ['input.comment']);
    assert.equal(await state(), before, 'nothing was written');
  });

  test('three partners fill the draft; each accepted value is one audit event', async () => {
    const events = await db.dataSource.manager.count(AuditEvent);
    const crime = await setValues(db.dataSource, police, [
      { indicator: 'safer-communities/total-crime-rate', area: LEICESTERSHIRE, period: '12 months to Dec 2014', value: 45.02 },
      { indicator: 'safer-communities/domestic-burglary-rate', area: LEICESTERSHIRE, period: '12 months to Dec 2014', value: 3.31 },
    ]);
    assert.deepEqual(crime.problems, []);
    assert.deepEqual(crime.values.map((v) => [v.periodKey, v.value]), [['2014-01/2014-12', 45.02], ['2014-01/2014-12', 3.31]]);
    const youth = await setValues(db.dataSource, youthOffending, [
      { indicator: 'safer-communities/youth-reoffending-rate', area: LEICESTERSHIRE, period: 'Jul-Sep 2014', value: 0.29 },
    ]);
    assert.deepEqual(youth.problems, []);
    const district = await setValues(db.dataSource, blaby, [
      { indicator: 'safer-communities/total-crime-rate', area: BLABY, period: '12 months to Dec 2014', value: 44.74, numerator: 4250, denominator: 95000 },
    ]);
    assert.deepEqual(district.problems, []);
    assert.equal(await db.dataSource.manager.count(AuditEvent), events + 4);
    const [event] = await db.dataSource.manager.find(AuditEvent, { where: { keyName: 'Blaby District Council', action: 'setValues' } });
    assert.equal(event.target, `safer-communities/total-crime-rate/${BLABY}/2014-01/2014-12`);
    assert.equal(event.before, null);
    assert.deepEqual(JSON.parse(event.after!).value, 44.74);

    for (const position of [1, 2, 3, 4]) {
      const result = await setOutcomeAssessment(db.dataSource, police, { outcome: `${Q3}/outcomes/${position}`, rag: 'GREEN', progress: 'GREEN', direction: 'IMPROVING', comment: `Q3 comment ${position}` });
      assert.deepEqual(result.problems, []);
      assert.equal(result.assessment?.arrow, '↑');
    }
    const district2 = await setOutcomeAssessment(db.dataSource, blaby, { outcome: `${Q3}/outcomes/1`, rag: 'RED' });
    assert.match(district2.problems[0].message, /outside the areas/);
  });

  /** What a reader sees of total crime for an area in Q3's latest period (12 months to Dec 2014): value and embargo, or null. */
  async function seenAs(access: WriteAccess | null, area: string): Promise<[number | null, string | null] | null> {
    const reference = await ReferenceData.load(db.dataSource);
    const loaders = createLoaders(db.dataSource, reference, access?.unpublishedSeen ?? 'none');
    const observation = await loaders.observation('safer-communities/total-crime-rate', area, '2014-01/2014-12');
    const series = await loaders.series('safer-communities/total-crime-rate', area);
    const areas = await loaders.areasWithData('safer-communities/total-crime-rate');
    // Every path agrees: the value, the series and the list of areas with values.
    assert.equal(series.some((o) => o.periodKey === '2014-01/2014-12'), observation !== null, `${area}: the series agrees with the value`);
    if (observation) assert.ok(areas.includes(area), `${area}: listed among the areas with values`);
    return observation && [observation.value, observation.embargo];
  }

  test('until Q3 is published, what was supplied for it is seen only by keys that read its area', async () => {
    assert.equal(await seenAs(null, LEICESTERSHIRE), null, 'the public does not see the county\'s Q3 value');
    assert.equal(await seenAs(null, BLABY), null, 'nor a district\'s figure for Q3\'s period (it feeds Q3\'s comparisons)');
    assert.deepEqual(await seenAs(police, LEICESTERSHIRE), [45.02, Q3]);
    assert.deepEqual(await seenAs(police, BLABY), [44.74, Q3], 'a county key reads its districts');
    assert.deepEqual(await seenAs(viewer, LEICESTERSHIRE), [45.02, Q3], 'so does a VIEWER of the county');
    assert.deepEqual(await seenAs(blaby, BLABY), [44.74, Q3], 'a district key reads what it supplied');
    assert.equal(await seenAs(blaby, LEICESTERSHIRE), null, 'but not the county\'s');
    assert.deepEqual(await seenAs(board, LEICESTERSHIRE), [45.02, Q3]);
    // A value for a period no draft shows is public at once.
    const elsewhere = await setValues(db.dataSource, blaby, [{ indicator: 'safer-communities/total-crime-rate', area: BLABY, period: '12 months to Jun 2014', value: 46.1 }]);
    assert.deepEqual(elsewhere.problems, []);
    assert.equal(elsewhere.values[0].embargo, null);
  });

  test('publishing needs ADMIN; then the outcome history shows Q2 and Q3, and Q3\'s values change only by correction', async () => {
    await assert.rejects(publishDashboard(db.dataSource, police, Q3), { name: 'Forbidden' });
    const { dashboard, problems } = await publishDashboard(db.dataSource, board, Q3);
    assert.deepEqual(problems, []);
    assert.equal(dashboard?.status, 'PUBLISHED');
    assert.match(dashboard?.publishedAt ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.match((await publishDashboard(db.dataSource, board, Q3)).problems[0].message, /already published/);

    // Published: Q3's values are everyone's.
    assert.deepEqual(await seenAs(null, LEICESTERSHIRE), [45.02, null]);
    assert.deepEqual(await seenAs(null, BLABY), [44.74, null]);
    const reference = await ReferenceData.load(db.dataSource);
    const history = await outcomeHistory(reference, createLoaders(db.dataSource, reference), reference.outcome(`${Q3}/outcomes/1`)!);
    assert.deepEqual(history.map((a) => [a.periodKey, a.rag, a.arrow]), [['2014-07/2014-09', 'GREEN', '↑'], ['2014-10/2014-12', 'GREEN', '↑']]);

    const late = await setValues(db.dataSource, police, [{ indicator: 'safer-communities/total-crime-rate', area: LEICESTERSHIRE, period: '12 months to Dec 2014', value: 45.5 }]);
    assert.match(late.problems[0].message, /published dashboard safer-communities-2014-15-q3/);
    assert.match((await setOutcomeAssessment(db.dataSource, police, { outcome: `${Q3}/outcomes/1`, rag: 'RED' })).problems[0].message, /is published/);
    await assert.rejects(correctValue(db.dataSource, police, { indicator: 'safer-communities/total-crime-rate', area: LEICESTERSHIRE, period: '12 months to Dec 2014', value: 45.5 }, 'resubmitted'), { name: 'Forbidden' });
    const noReason = await correctValue(db.dataSource, board, { indicator: 'safer-communities/total-crime-rate', area: LEICESTERSHIRE, period: '12 months to Dec 2014', value: 45.5 }, ' ');
    assert.deepEqual(noReason.problems.map((p) => p.path), ['reason']);
    const corrected = await correctValue(db.dataSource, board, { indicator: 'safer-communities/total-crime-rate', area: LEICESTERSHIRE, period: '12 months to Dec 2014', value: 45.5 }, 'police.uk resubmission');
    assert.deepEqual(corrected.problems, []);
    const [event] = await db.dataSource.manager.find(AuditEvent, { where: { action: 'correctValue' } });
    assert.equal(event.reason, 'police.uk resubmission');
    assert.equal(JSON.parse(event.before!).value, 45.02);
    assert.equal(JSON.parse(event.after!).value, 45.5);
  });

  test('the audit trail: ADMIN reads it all, newest first; an EDITOR only its areas\'; a VIEWER not at all', async () => {
    const { geography } = await ReferenceData.load(db.dataSource);
    const repository = db.dataSource.getRepository(AuditEvent);
    const all = await listAuditEvents(repository, geography, board, { first: 100 });
    assert.equal(all.events[0].action, 'correctValue');
    assert.deepEqual(all.events.map((e) => e.id), [...all.events.map((e) => e.id)].sort().reverse());
    const mine = await listAuditEvents(repository, geography, blaby, { first: 100 });
    assert.deepEqual([...new Set(mine.events.map((e) => e.areaCode))], [BLABY]);
    await assert.rejects(listAuditEvents(repository, geography, viewer, {}), { name: 'Forbidden' });
    const page = await listAuditEvents(repository, geography, board, { first: 2 });
    const next = await listAuditEvents(repository, geography, board, { first: 2, after: page.events[1].id });
    assert.equal(next.events[0].id, all.events[2].id);
  });
});
