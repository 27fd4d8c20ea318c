/**
 * The two 2014/15 quarters over HTTP, with real keys and the playground's own operations
 * (schema/operations/*.graphql): the seed dashboard stays PUBLISHED; Q3 2014-15 is drafted from
 * it, filled by three partners with three keys (the figures unpublished until then: only keys
 * that read their area see them), assessed and published by the board; then Outcome.history shows
 * Q2 and Q3 for each outcome, and a published value changes only by a
 * correction that every cache sees at once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningServer } from '../../src/server';
import { createKey } from '../../src/services/keys';
import { readPlaygroundTabs } from '../../scripts/graphiql-tabs';
import type { OpenTestDatabase } from '../support/database';
import { PROJECT_ROOT } from '../support/paths';
import { serveTestDatabase } from '../support/server';

const Q2 = 'safer-communities-2014-15-q2';
const Q3 = 'safer-communities-2014-15-q3';
const LEICESTERSHIRE = 'E10000018';
const BLABY = 'E07000129';
/** Q3's total crime rate for the county and for Blaby, with the embargo each is under. */
const UNPUBLISHED = `{
  county: indicator(id: "safer-communities/total-crime-rate") { value(area: "${LEICESTERSHIRE}", period: "12 months to Dec 2014") { formatted embargo } }
  blaby: indicator(id: "safer-communities/total-crime-rate") { value(area: "${BLABY}", period: "12 months to Dec 2014") { formatted embargo } }
}`;
const OPERATIONS = new Map(readPlaygroundTabs(PROJECT_ROOT).map((tab) => [tab.name, tab.query]));

interface Answer {
  status: number;
  data: Record<string, any> | null;
  errors: Array<{ message: string; extensions?: { code?: string } }>;
}

describe('publishing Q3 2014-15 over HTTP, as three partners and the board', () => {
  let db: OpenTestDatabase;
  let server: RunningServer;
  let stop: () => Promise<void>;
  const keys: Record<string, string> = {};

  async function send(query: string, variables: Record<string, unknown>, key?: string): Promise<Answer> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${keys[key]}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json() as { data?: Record<string, any> | null; errors?: Answer['errors'] };
    return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
  }
  const run = (operation: string, variables: Record<string, unknown>, key?: string) => send(OPERATIONS.get(operation)!, variables, key);
  const row = (indicator: string, area: string, period: string, value: number, extra: Record<string, unknown> = {}) => ({ indicator, area, period, value, ...extra });

  before(async () => {
    ({ db, server, stop } = await serveTestDatabase());
    for (const [name, role, areas] of [
      ['Leicestershire Police', 'EDITOR', [LEICESTERSHIRE]],
      ['Youth Offending Service', 'EDITOR', [LEICESTERSHIRE]],
      ['Blaby District Council', 'EDITOR', [BLABY]],
      ['Safer Communities Board', 'ADMIN', []],
    ] as const) {
      keys[name] = (await createKey(db.dataSource, { name, role, areas })).token;
    }
  });
  after(() => stop?.());

  test('the seed dashboard is PUBLISHED; a mutation needs a key (401) and a role that allows it (403)', async () => {
    const seed = await send(`{ dashboard(slug: "${Q2}") { status publishedAt previous { slug } } }`, {});
    assert.deepEqual(seed.data?.dashboard, { status: 'PUBLISHED', publishedAt: null, previous: null });
    const anonymous = await run('DraftDashboard', { input: { from: Q2, period: 'Q3 2014-15' } });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.errors[0].extensions?.code, 'UNAUTHENTICATED');
    const editorPublishing = await run('PublishDashboard', { slug: Q2 }, 'Blaby District Council');
    assert.equal(editorPublishing.status, 403);
    assert.equal(editorPublishing.errors[0].extensions?.code, 'FORBIDDEN');
  });

  test('the police draft Q3; the draft is theirs to see until it is published', async () => {
    const draft = await run('DraftDashboard', { input: { from: Q2, period: 'Q3 2014-15' } }, 'Leicestershire Police');
    assert.equal(draft.status, 200);
    assert.deepEqual(draft.data?.draftDashboard.problems, []);
    assert.equal(draft.data?.draftDashboard.dashboard.slug, Q3);
    assert.equal(draft.data?.draftDashboard.dashboard.status, 'DRAFT');
    assert.deepEqual(draft.data?.draftDashboard.dashboard.previous, { id: Q2, slug: Q2 });
    // The payload answers from the data as the write left it: the new draft's four outcomes.
    assert.deepEqual(draft.data?.draftDashboard.dashboard.outcomes.map((o: { id: string }) => o.id), [1, 2, 3, 4].map((n) => `${Q3}/outcomes/${n}`));
    // The keyed answer first: the response cache must not hand it to anyone else.
    const list = `{ dashboards { slug } }`;
    assert.ok((await send(list, {}, 'Youth Offending Service')).data?.dashboards.some((d: { slug: string }) => d.slug === Q3), 'a county key sees the draft');
    assert.ok(!(await send(list, {})).data?.dashboards.some((d: { slug: string }) => d.slug === Q3), 'anonymous callers do not');
    assert.ok(!(await send(list, {}, 'Blaby District Council')).data?.dashboards.some((d: { slug: string }) => d.slug === Q3), 'nor a district\'s key');
  });

  test('three partners fill it, each within its areas; a write outside them is a problem and writes nothing', async () => {
    const police = await run('SetValues', { values: [
      row('safer-communities/total-crime-rate', LEICESTERSHIRE, '12 months to Dec 2014', 45.02),
      row('safer-communities/domestic-burglary-rate', LEICESTERSHIRE, '12 months to Dec 2014', 3.31),
      row('safer-communities/vehicle-crime-rate', LEICESTERSHIRE, '12 months to Dec 2014', 5.6),
    ] }, 'Leicestershire Police');
    assert.deepEqual(police.data?.setValues.problems, []);
    assert.deepEqual(police.data?.setValues.values.map((v: { formatted: string }) => v.formatted), ['45.02', '3.31', '5.60']);

    const youth = await run('SetValues', { values: [
      row('safer-communities/youth-reoffending-rate', LEICESTERSHIRE, 'Jul-Sep 2014', 0.29),
      row('safer-communities/iom-ppo-offending-reduction', LEICESTERSHIRE, 'Q3 2014-15', 41.2),
    ] }, 'Youth Offending Service');
    assert.deepEqual(youth.data?.setValues.problems, []);

    const outside = await run('SetValues', { values: [row('safer-communities/total-crime-rate', LEICESTERSHIRE, '12 months to Dec 2014', 40)] }, 'Blaby District Council');
    assert.deepEqual(outside.data?.setValues.values, []);
    assert.equal(outside.data?.setValues.problems[0].path, 'values[0].area');
    const blaby = await run('SetValues', { values: [row('safer-communities/total-crime-rate', BLABY, '12 months to Dec 2014', 44.74, { numerator: 4250, denominator: 95000 })] }, 'Blaby District Council');
    assert.deepEqual(blaby.data?.setValues.problems, []);

    const q3 = await send(`{ dashboard(slug: "${Q3}") { latestValue(indicator: "safer-communities/total-crime-rate") { formatted periodLabel } } }`, {}, 'Leicestershire Police');
    assert.deepEqual(q3.data?.dashboard.latestValue, { formatted: '45.02', periodLabel: '2014' });
    // Unpublished until the board publishes: the public (asked first, so the response cache holds its answer) sees neither figure.
    assert.deepEqual((await send(UNPUBLISHED, {})).data, { county: { value: null }, blaby: { value: null } });
    assert.deepEqual((await send(UNPUBLISHED, {}, 'Leicestershire Police')).data, { county: { value: { formatted: '45.02', embargo: Q3 } }, blaby: { value: { formatted: '44.74', embargo: Q3 } } });
    assert.deepEqual((await send(UNPUBLISHED, {}, 'Blaby District Council')).data, { county: { value: null }, blaby: { value: { formatted: '44.74', embargo: Q3 } } });
    assert.deepEqual((await send(UNPUBLISHED, {})).data, { county: { value: null }, blaby: { value: null } }, 'and the cache keeps the keyed answers from it');
  });

  test('the board assesses each outcome and publishes; history then shows Q2 and Q3 for each outcome', async () => {
    for (const position of [1, 2, 3, 4]) {
      const assessed = await run('SetOutcomeAssessment', { input: { outcome: `${Q3}/outcomes/${position}`, rag: position === 3 ? 'AMBER' : 'GREEN', progress: 'GREEN', direction: 'IMPROVING', comment: `Q3: outcome ${position}` } }, 'Safer Communities Board');
      assert.deepEqual(assessed.data?.setOutcomeAssessment.problems, [], `outcome ${position}`);
    }
    const published = await run('PublishDashboard', { slug: Q3 }, 'Safer Communities Board');
    assert.equal(published.status, 200);
    assert.deepEqual(published.data?.publishDashboard.problems, []);
    const dashboard = published.data?.publishDashboard.dashboard;
    assert.equal(dashboard.status, 'PUBLISHED');
    assert.match(dashboard.publishedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(dashboard.outcomes.map((o: { history: Array<{ period: { label: string }; rag: string }> }) => o.history.map((h) => `${h.period.label} ${h.rag}`)), [
      ['Q2 2014-15 GREEN', 'Q3 2014-15 GREEN'],
      ['Q2 2014-15 GREEN', 'Q3 2014-15 GREEN'],
      ['Q2 2014-15 AMBER', 'Q3 2014-15 AMBER'],
      ['Q2 2014-15 GREEN', 'Q3 2014-15 GREEN'],
    ]);
    assert.ok((await send(`{ dashboards { slug } }`, {})).data?.dashboards.some((d: { slug: string }) => d.slug === Q3), 'published: everyone sees it');
    assert.deepEqual((await send(UNPUBLISHED, {})).data, { county: { value: { formatted: '45.02', embargo: null } }, blaby: { value: { formatted: '44.74', embargo: null } } }, 'and its figures');
  });

  test('after publishing, only an ADMIN\'s correction with a reason changes a value it shows, and every reader sees it at once', async () => {
    const ask = `{ dashboard(slug: "${Q3}") { latestValue(indicator: "safer-communities/total-crime-rate") { formatted } } }`;
    assert.equal((await send(ask, {})).data?.dashboard.latestValue.formatted, '45.02');
    assert.equal((await send(ask, {})).data?.dashboard.latestValue.formatted, '45.02', 'answered again, from the response cache');
    const late = await run('SetValues', { values: [row('safer-communities/total-crime-rate', LEICESTERSHIRE, '12 months to Dec 2014', 45.5)] }, 'Leicestershire Police');
    assert.match(late.data?.setValues.problems[0].message, /published dashboard safer-communities-2014-15-q3; change it with correctValue/);
    assert.equal((await run('CorrectValue', { value: row('safer-communities/total-crime-rate', LEICESTERSHIRE, '12 months to Dec 2014', 45.5), reason: 'police.uk resubmission' }, 'Leicestershire Police')).status, 403);
    const corrected = await run('CorrectValue', { value: row('safer-communities/total-crime-rate', LEICESTERSHIRE, '12 months to Dec 2014', 45.5), reason: 'police.uk resubmission of January 2015' }, 'Safer Communities Board');
    assert.deepEqual(corrected.data?.correctValue.problems, []);
    assert.equal((await send(ask, {})).data?.dashboard.latestValue.formatted, '45.50');
  });

  test('the audit trail has one event per accepted write; a district\'s key sees only its own area\'s', async () => {
    const all = await run('AuditTrail', { first: 100 }, 'Safer Communities Board');
    const events = all.data?.auditEvents.nodes as Array<{ keyName: string; action: string; target: string; reason: string | null; before: string | null }>;
    // 1 draft + 3 + 2 + 1 values + 4 assessments + 1 publish + 1 correction.
    assert.equal(all.data?.auditEvents.totalCount, 13);
    assert.deepEqual(events.map((e) => e.action).reverse(), [
      'draftDashboard', 'setValues', 'setValues', 'setValues', 'setValues', 'setValues', 'setValues',
      'setOutcomeAssessment', 'setOutcomeAssessment', 'setOutcomeAssessment', 'setOutcomeAssessment', 'publishDashboard', 'correctValue',
    ]);
    assert.deepEqual(events[0], {
      ...events[0], keyName: 'Safer Communities Board', target: `safer-communities/total-crime-rate/${LEICESTERSHIRE}/2014-01/2014-12`, reason: 'police.uk resubmission of January 2015',
    });
    assert.equal(JSON.parse(events[0].before!).value, 45.02);
    const blaby = await run('AuditTrail', { first: 100 }, 'Blaby District Council');
    assert.deepEqual(blaby.data?.auditEvents.nodes.map((e: { target: string }) => e.target), [`safer-communities/total-crime-rate/${BLABY}/2014-01/2014-12`]);
    assert.equal((await run('AuditTrail', { first: 5 })).status, 401);
  });
});
