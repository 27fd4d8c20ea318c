/**
 * End to end: a started server on a real database, spoken to over HTTP with the typed
 * operations that front-end teams use (schema/generated/operations.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { RunningServer } from '../../src/server';
import { DashboardTableDocument, IndicatorSeriesDocument, PartnerLatestValuesDocument } from '../../schema/generated/operations';
import type { OpenTestDatabase } from '../support/database';
import { serveTestDatabase } from '../support/server';

interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function send<T, V>(server: RunningServer, document: TypedDocumentNode<T, V> | string, variables?: V): Promise<GraphQLResponse<T>> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

const SLUG = 'safer-communities-2014-15-q2';

/** The table, transcribed by hand: [title, benefit, RAG, progress, arrow, [previous, latest, latest period as printed]...]. */
const PUBLISHED = [
  ['Ongoing reductions in crime', null, 'GREEN', 'GREEN', '↑', [
    ['47.18', '45.91', '12 months to Sept 2014'], ['3.44', null, null], ['5.72', null, null], ['3.58', null, null]]],
  ['Reduce offending and re-offending, with a particular focus on earlier intervention with families that need the most support',
    'This will mean fewer people start offending and fewer people re-offend.', 'GREEN', 'GREEN', '↑', [
      ['38.9%', '55.7%', 'Q2 2014-15'], ['1.04', '0.33', 'Apr-Jun 2014'], ['212', '244', 'Oct 2013 - Sep 2014']]],
  ['Protect and support the most vulnerable in communities, particularly previous and repeat victims of crime and those affected by domestic abuse',
    'This will mean the impact of crime and disorder on these people\'s lives is reduced.', 'AMBER', 'AMBER', '↓', [
      ['21%', '27%', '12 months to Sept 2014'], ['1,259', '713', 'Apr-Sept 2014'], ['0.64', '0.60', '12 months to Sept 2014']]],
  ['Continue to reduce anti-social behaviour, particularly in those areas with the highest levels of incidents with a particular emphasis on information sharing and volunteering opportunities',
    'This will mean fewer people are affected by anti-social behaviour.', 'GREEN', 'GREEN', '↑', [
      ['7.7%', '7.0%', '12 months to Sept 2014'], ['79.0%', '82.5%', '12 months to Sept 2014']]],
] as const;

describe('the server over HTTP', () => {
  let db: OpenTestDatabase;
  let server: RunningServer;
  let stop: () => Promise<void>;

  before(async () => {
    ({ db, server, stop } = await serveTestDatabase({ seed: true }));
  });
  after(() => stop?.());

  test('GET /health reports the database', async () => {
    const response = await fetch(`http://localhost:${server.port}/health`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { status: string; database: { type: string; status: string } };
    assert.equal(body.status, 'ok');
    assert.equal(body.database.status, 'up');
    assert.equal(body.database.type, db.database.kind);
  });

  test('DashboardTable returns every published figure exactly', async () => {
    const { data, errors } = await send(server, DashboardTableDocument, { slug: SLUG });
    assert.equal(errors, undefined);
    const dashboard = data!.dashboard!;
    assert.equal(dashboard.title, 'Safer Communities Performance Dashboard');
    assert.equal(dashboard.area.code, 'E10000018');
    assert.deepEqual([dashboard.period.label, dashboard.previousPeriod?.label, dashboard.latestPeriod?.label], ['Q2 2014-15', '2013-14', '12 months to Sep 2014']);
    const actual = dashboard.outcomes.map((outcome) => [
      outcome.title, outcome.benefit, outcome.reported?.rag, outcome.reported?.progress, outcome.reported?.arrow,
      outcome.supportingIndicators.map((row) => [row.previousValue?.formatted ?? null, row.latestValue?.formatted ?? null, row.latestValue?.periodLabel ?? null]),
    ]);
    assert.deepEqual(actual, PUBLISHED);
    assert.ok(dashboard.outcomes.every((outcome) => outcome.reported?.comment && outcome.reported.comment.length > 100));
    const rows = dashboard.outcomes.flatMap((outcome) => outcome.supportingIndicators);
    assert.equal(rows.length, 12);
    assert.equal(rows.filter((row) => row.latestValue !== null).length, 9);
    assert.ok(rows.every((row) => row.previousValue?.periodLabel === '2013-14'));
    assert.equal(rows[5].latestValue?.period.key, '2014-04/2014-06');
    assert.equal(rows[5].latestValue?.value, 0.33);
  });

  test('IndicatorSeries returns an indicator\'s values oldest first', async () => {
    const { data, errors } = await send(server, IndicatorSeriesDocument, { id: 'safer-communities/total-crime-rate', area: 'E10000018', from: null, to: null });
    assert.equal(errors, undefined);
    assert.deepEqual(data!.indicator!.series.map((o) => [o.period.label, o.formatted]), [['2013-14', '47.18'], ['12 months to Sep 2014', '45.91']]);
    assert.match(data!.indicator!.series[0].source!, /^safer-communities-dashboard-2014-15-q2\.txt:6:\d+$/);
  });

  test('PartnerLatestValues returns names and the Latest Data values only', async () => {
    const { data, errors } = await send(server, PartnerLatestValuesDocument, { slug: SLUG });
    assert.equal(errors, undefined);
    const rows = data!.dashboard!.outcomes.flatMap((o) => o.supportingIndicators);
    assert.equal(rows.length, 12);
    assert.deepEqual(rows[0].indicator.name, 'Total Crime rate (per 1,000 population)');
    assert.deepEqual(rows[0].latestValue, { id: 'safer-communities/total-crime-rate/E10000018/2013-10/2014-09', formatted: '45.91', periodLabel: '12 months to Sept 2014' });
    // The burglary rate has no Latest Data value on the table: none is made up.
    assert.equal(rows[1].latestValue, null);
  });

  test('a malformed or oversized JSON body gets a JSON error, not a page', async () => {
    const malformed = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    assert.equal(malformed.status, 400);
    const body = (await malformed.json()) as GraphQLResponse<unknown>;
    assert.equal(body.errors?.[0].extensions?.code, 'BAD_REQUEST');
    assert.match(body.errors![0].message, /^The request body is not valid JSON/);
    const huge = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` }) });
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as GraphQLResponse<unknown>).errors?.[0].extensions?.code, 'PAYLOAD_TOO_LARGE');
  });

  test('a bad argument is an error that names it', async () => {
    const { errors } = await send(server, '{ period(key: "2014-13/2014-14") { label } }');
    assert.equal(errors?.[0].extensions?.code, 'BAD_USER_INPUT');
    assert.match(errors![0].message, /^Argument "key": .*no month 13/);
    const notOnDashboard = await send(server, `{ dashboard(slug: "${SLUG}") { latestValue(indicator: "nope") { value } } }`);
    assert.match(notOnDashboard.errors![0].message, /Argument "indicator": "nope" is not on dashboard/);
  });

  test('indicators are paged with opaque cursors and searchable', async () => {
    const query = `query($after: String) { indicators(first: 5, after: $after, search: "rate") { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`;
    type Page = { indicators: { totalCount: number; nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const first = await send<Page, { after: string | null }>(server, query, { after: null });
    assert.equal(first.data!.indicators.totalCount, 6);
    assert.equal(first.data!.indicators.nodes.length, 5);
    assert.equal(first.data!.indicators.pageInfo.hasNextPage, true);
    const second = await send<Page, { after: string | null }>(server, query, { after: first.data!.indicators.pageInfo.endCursor });
    assert.equal(second.data!.indicators.nodes.length, 1);
    assert.equal(second.data!.indicators.pageInfo.hasNextPage, false);
    const tooMany = await send(server, '{ indicators(first: 1000) { totalCount } }');
    assert.match(tooMany.errors![0].message, /Argument "first": must be from 0 to 100/);
  });

  test('areas answer their parent, children and populations', async () => {
    type Result = { area: { name: string; parent: { name: string }; population: number; children: Array<{ name: string; population: number }> } };
    const { data } = await send<Result, Record<string, never>>(server, '{ area(code: "E10000018") { name parent { name } population(year: 2015) children(type: DISTRICT) { name population(year: 2015) } } }');
    assert.equal(data!.area.parent.name, 'East Midlands');
    assert.equal(data!.area.children.length, 7);
    assert.equal(data!.area.population, data!.area.children.reduce((sum, child) => sum + child.population, 0));
  });
});

describe('the server in production mode', () => {
  let server: RunningServer;
  let stop: () => Promise<void>;
  before(async () => {
    ({ server, stop } = await serveTestDatabase({ seed: false, env: { NODE_ENV: 'production', MAX_QUERY_COMPLEXITY: '50' } }));
  });
  // The last test stops the server itself: stopping it again here does nothing.
  after(() => stop?.());

  test('a NUL character in an argument, and a period out of range, are bad input', async () => {
    const nul = await send(server, '{ area(code: "E1000\\u00008") { name } }');
    assert.equal(nul.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
    assert.match(nul.errors![0].message, /NUL character/);
    const early = await send(server, '{ period(key: "Jan 0999") { key } }');
    assert.equal(early.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
  });

  test('errors carry no stack trace', async () => {
    const { errors } = await send(server, '{ period(key: "nonsense") { label } }');
    assert.ok(errors && errors.length === 1);
    assert.equal(errors[0].extensions?.stacktrace, undefined);
  });

  test('an operation costlier than the limit is refused before it runs', async () => {
    // Lists the reference data bounds (dashboards) cost nothing here, on an empty database; an
    // area's children are taken to be ten: 1 + 1 + 10 × (1 + 10 × 1) = 112.
    const { errors } = await send(server, '{ area(code: "E10000018") { children { children { name } } } }');
    assert.equal(errors?.[0].extensions?.code, 'QUERY_TOO_COMPLEX');
    assert.match(errors![0].message, /exceeds the limit of 50/);
  });

  test('stopping lets an in-flight request finish', async () => {
    const body = JSON.stringify({ query: '{ period(key: "2013-14") { key } }' });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request({ port: server.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      request.on('error', reject);
      // Half the body now: the request is in flight when the server is told to stop.
      request.write(body.slice(0, 10));
      setTimeout(() => {
        request.end(body.slice(10));
      }, 200);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = server.stop();
    const answer = await response;
    await stopped;
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.text), { data: { period: { key: '2013-04/2014-03' } }, extensions: { cost: { requested: 2, limit: 50 } } });
    await assert.rejects(fetch(`http://localhost:${server.port}/health`), 'the server no longer accepts connections');
  });
});
