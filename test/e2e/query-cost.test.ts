/**
 * The cost estimate counts lists by what they can really hold (dashboards, outcomes, rows, groups
 * and a page of the catalogue from the reference data): what a front end or a partner asks for
 * passes in one request, and runaway operations are still refused before they run. Every answer
 * says the estimate and the limit in `extensions.cost`, a cached answer too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { print } from 'graphql';
import { CountyComparisonDocument, DashboardTableDocument, OutcomeJudgementsDocument } from '../../schema/generated/operations';
import type { RunningServer } from '../../src/server';
import { serveTestDatabase } from '../support/server';
import { PROJECT_ROOT } from '../support/paths';

interface Answer {
  status: number;
  cached: boolean;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }>; extensions: { cost: { requested: number | null; limit: number } } };
}

async function ask(server: RunningServer, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  return { status: response.status, cached: response.headers.get('x-response-cache') === 'hit', text, body: JSON.parse(text) as Answer['body'] };
}

/** Answered, without errors, within the limit; returns the estimate. */
async function passes(server: RunningServer, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const answer = await ask(server, query, variables);
  assert.equal(answer.status, 200, answer.text.slice(0, 500));
  assert.equal(answer.body.errors, undefined, answer.text.slice(0, 500));
  const { requested, limit } = answer.body.extensions.cost;
  assert.ok(requested !== null && requested <= limit);
  return answer;
}

/** Refused before it ran: 400 QUERY_TOO_COMPLEX, no data. */
async function refused(server: RunningServer, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const answer = await ask(server, query, variables);
  assert.equal(answer.status, 400, answer.text.slice(0, 500));
  assert.equal(answer.body.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
  assert.equal(answer.body.data, undefined);
  return answer;
}

const VARIABLES = JSON.parse(readFileSync(join(PROJECT_ROOT, 'schema', 'operations', 'variables.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const LEICESTERSHIRE = 'E10000018';

/** Every judgement on a dashboard's row, the comparisons with their members. */
const EVERY_JUDGEMENT = `
  id
  directionOfTravel { direction arrow significant explanation }
  rag { status rule explanation }
  recentTrend { label explanation }
  districtComparison { explanation benchmark { label value } members { area { id name } value { id formatted } rank quartile outcome explanation } }
  countyComparison { explanation subject { rank groupSize quartile outcome percentDifference } members { area { id name } value { id formatted } rank outcome } }`;

describe('the cost of an operation', () => {
  let server: RunningServer;
  let stop: () => Promise<void>;
  before(async () => {
    ({ server, stop } = await serveTestDatabase({ policeUk: true }));
  });
  after(() => stop?.());

  test('the typed operations pass: DashboardTable, OutcomeJudgements, CountyComparison', async () => {
    for (const [name, document] of [['DashboardTable', DashboardTableDocument], ['OutcomeJudgements', OutcomeJudgementsDocument], ['CountyComparison', CountyComparisonDocument]] as const) {
      const answer = await passes(server, print(document), VARIABLES[name]);
      assert.ok(answer.body.extensions.cost.requested! < 10_000, `${name}: ${answer.body.extensions.cost.requested}`);
    }
  });

  test('a peer-group comparison of all 30 police.uk rates and counts passes: a page counts what the search matches', async () => {
    const answer = await passes(server, `{ indicators(first: 30, search: "police-uk/") { totalCount nodes { countyComparison(area: "${LEICESTERSHIRE}", period: "2021-22") { subject { rank outcome } members { value { value } outcome } } } } }`);
    const page = answer.body.data!.indicators as { totalCount: number; nodes: Array<{ countyComparison: unknown }> };
    assert.equal(page.nodes.length, Math.min(30, page.totalCount));
    assert.ok(page.nodes.every((node) => node.countyComparison !== null));
  });

  test('every judgement on every row of every dashboard passes in one request', async () => {
    const answer = await passes(server, `{ dashboards { id outcomes { id rag { status } directionOfTravel { direction } agreesWithReported supportingIndicators { ${EVERY_JUDGEMENT} } } } }`);
    const dashboards = answer.body.data!.dashboards as Array<{ id: string; outcomes: Array<{ supportingIndicators: Array<Record<string, unknown>> }> }>;
    assert.deepEqual(dashboards.map((d) => d.id).sort(), ['crime-in-leicestershire-police-uk', 'safer-communities-2014-15-q2']);
    const rows = dashboards.flatMap((d) => d.outcomes.flatMap((o) => o.supportingIndicators));
    assert.equal(rows.length, 18);
    for (const row of rows) {
      for (const field of ['directionOfTravel', 'rag', 'recentTrend', 'districtComparison', 'countyComparison']) assert.notEqual(row[field], null, `${row.id}: ${field}`);
    }
  });

  test('lists are counted by what the data holds: 2 dashboards, at most 4 outcomes of at most 4 rows, a page of what matches', async () => {
    const cost = async (query: string): Promise<number | null> => (await passes(server, query)).body.extensions.cost.requested;
    // A list costs 1, plus its items times what is selected in each.
    assert.equal(await cost('{ dashboards { id } }'), 1 + 2 * 1);
    assert.equal(await cost('{ dashboards { outcomes { supportingIndicators { id } } } }'), 1 + 2 * (1 + 4 * (1 + 4 * 1)));
    assert.equal(await cost('{ areaGroups { members { code } } }'), 1 + 1 * (1 + 10 * 1), 'one group, of ten members');
    // nodes and edges count once: the connection counts its page.
    const burglary = (await passes(server, '{ indicators(search: "burglary") { totalCount } }')).body.data!.indicators as { totalCount: number };
    assert.equal(burglary.totalCount, 3, 'police.uk\'s count and rate, and the 2014/15 domestic burglary rate');
    assert.equal(await cost('{ indicators(search: "burglary") { nodes { id } } }'), 1 + 3 * (1 + 1));
    assert.equal(await cost('{ indicators(first: 100, search: "no such indicator") { nodes { countyComparison(area: "E10000018") { explanation } } } }'), 1);
    // A list the reference data does not bound is taken to hold 10.
    assert.equal(await cost(`{ area(code: "${LEICESTERSHIRE}") { children { name } } }`), 1 + (1 + 10 * 1));
  });

  test('alias bombs, deep nesting, a huge page and a flood of fields are refused before they run', async () => {
    const comparison = `countyComparison(area: "${LEICESTERSHIRE}", period: "2021-22") { explanation }`;
    const aliases = await refused(server, `{ indicator(id: "police-uk/all-crime/rate") { ${Array.from({ length: 200 }, (_, i) => `c${i}: ${comparison}`).join(' ')} } }`);
    assert.equal(aliases.body.extensions.cost.requested, 1 + 200 * (500 + 1));
    await refused(server, '{ area(code: "E92000001") { children { children { children { children { children { name } } } } } } }');
    const page = await refused(server, '{ indicators(first: 100000) { nodes { id } } }');
    assert.equal(page.body.extensions.cost.requested, 1 + 100_000 * 2, 'a page larger than any the server gives is counted as asked');
    const fields = await refused(server, `{ ${Array.from({ length: 10_001 }, (_, i) => `f${i}: __typename`).join(' ')} }`);
    assert.match(fields.body.errors![0].message, /more than 10,000 fields/);
    assert.equal(fields.body.extensions.cost.requested, null);
  });

  test('the cost is in every answer: an answer, an error, a cached answer', async () => {
    const query = '{ dashboards { id title } }';
    const first = await passes(server, query);
    const again = await passes(server, query);
    assert.deepEqual([first.cached, again.cached], [false, true]);
    assert.equal(again.text, first.text, 'the cached answer is the same bytes, its cost included');
    assert.deepEqual(again.body.extensions.cost, { requested: 1 + 2 * 2, limit: 100_000 });

    const fieldError = await ask(server, '{ dashboards { id } period(key: "nonsense") { label } }');
    assert.equal(fieldError.status, 200);
    assert.deepEqual(fieldError.body.extensions.cost, { requested: (1 + 2 * 1) + (1 + 1), limit: 100_000 });
    const invalid = await ask(server, '{ dashboards { colour } }');
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.body.extensions.cost, { requested: null, limit: 100_000 });
  });
});

describe('MAX_QUERY_COMPLEXITY', () => {
  test('sets the limit, which every answer reports', async () => {
    const { server, stop } = await serveTestDatabase({ env: { MAX_QUERY_COMPLEXITY: '1000' } });
    try {
      const table = await passes(server, print(DashboardTableDocument), VARIABLES.DashboardTable);
      assert.equal(table.body.extensions.cost.limit, 1000);
      const judgements = await refused(server, print(OutcomeJudgementsDocument), VARIABLES.OutcomeJudgements);
      assert.match(judgements.body.errors![0].message, /exceeds the limit of 1000/);
    } finally {
      await stop();
    }
  });
});
