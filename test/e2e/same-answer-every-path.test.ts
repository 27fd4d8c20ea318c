/**
 * Contract v2: a field answers the same whichever path reached its object, so a normalised client
 * cache never mixes answers; and one bad argument nulls its own field, not the dashboard around it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { buildSchema, getNullableType, GraphQLObjectType, isNonNullType, print } from 'graphql';
import { printedSchema } from '../../src/schema';
import type { RunningServer } from '../../src/server';
import { DashboardTableDocument } from '../../schema/generated/operations';
import { serveTestDatabase } from '../support/server';

const SLUG = 'safer-communities-2014-15-q2';

interface Response<T> {
  data: T;
  errors?: Array<{ message: string; path: Array<string | number>; extensions: { code: string } }>;
}

describe('the same answer on every path', () => {
  let server: RunningServer;
  let stop: () => Promise<void>;

  before(async () => {
    // The response cache is off: each answer here is computed for its own request.
    ({ server, stop } = await serveTestDatabase({ policeUk: true, config: { responseCache: false } }));
  });
  after(() => stop?.());

  async function send<T>(query: string, variables: Record<string, unknown> = {}): Promise<Response<T>> {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as Response<T>;
  }

  const FIELDS = 'id value { id value formatted periodLabel period { key } } directionOfTravel { direction arrow change comparable significant method explanation from { id } to { id } }';

  test('each of the 12 seed indicators answers value and directionOfTravel identically through the dashboard and from the root', async () => {
    type Indicator = { id: string; value: unknown; directionOfTravel: unknown };
    const board = await send<{ dashboard: { outcomes: Array<{ indicators: Indicator[]; supportingIndicators: Array<{ indicator: Indicator }> }> } }>(
      `{ dashboard(slug: "${SLUG}") { outcomes { indicators { ${FIELDS} } supportingIndicators { indicator { ${FIELDS} } } } } }`);
    assert.equal(board.errors, undefined, JSON.stringify(board.errors));
    const throughBoard = board.data.dashboard.outcomes.flatMap((o) => o.indicators);
    assert.equal(throughBoard.length, 12);
    for (const indicator of throughBoard) {
      const root = await send<{ indicator: Indicator }>(`{ indicator(id: "${indicator.id}") { ${FIELDS} } }`);
      assert.equal(root.errors, undefined, JSON.stringify(root.errors));
      assert.deepEqual(root.data.indicator, indicator, indicator.id);
    }
    // Both dashboard paths to the indicator agree too.
    assert.deepEqual(board.data.dashboard.outcomes.flatMap((o) => o.supportingIndicators.map((r) => r.indicator)), throughBoard);
  });

  test('Apollo Client\'s InMemoryCache: the dashboard\'s judgements survive loading the same indicator from the root', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: server.url }), cache: new InMemoryCache() });
    const DASHBOARD = gql`query Board($slug: String!) { dashboard(slug: $slug) { id outcomes { id supportingIndicators {
      id indicator { id name directionOfTravel { direction arrow } }
      directionOfTravel { direction arrow explanation } } } } }`;
    const ROOT = gql`query One($id: ID!) { indicator(id: $id) { id name directionOfTravel { direction arrow } } }`;
    // 1. Load the dashboard: total crime rate is improving on it (47.18 in 2013-14, 45.91 in the 12 months to Sep 2014).
    const first = await client.query({ query: DASHBOARD, variables: { slug: SLUG }, fetchPolicy: 'network-only' });
    const row = (first.data as { dashboard: { outcomes: Array<{ supportingIndicators: Array<{ indicator: { id: string }; directionOfTravel: { direction: string } }> }> } })
      .dashboard.outcomes[0].supportingIndicators[0];
    assert.equal(row.indicator.id, 'safer-communities/total-crime-rate');
    assert.equal(row.directionOfTravel.direction, 'IMPROVING');
    // 2. Load that indicator from the root.
    await client.query({ query: ROOT, variables: { id: row.indicator.id }, fetchPolicy: 'network-only' });
    // 3. Read the dashboard back from the cache: exactly what the server sent in step 1.
    const again = client.readQuery({ query: DASHBOARD, variables: { slug: SLUG } });
    assert.deepEqual(again, first.data);
    client.stop();
  });

  test('a bad argument inside DashboardTable nulls that field alone, with one error pointing at it', async () => {
    const query = print(DashboardTableDocument).replace(/\n\s*dashboard\(slug: \$slug\) \{/, (opening) =>
      `\n  broken: indicator(id: "police-uk/all-crime/rate") { countyComparison(group: "no-such-group") { explanation } }${opening}`);
    assert.notEqual(query, print(DashboardTableDocument), 'the test added the field');
    const withError = await send<{ broken: { countyComparison: null }; dashboard: unknown }>(query, { slug: SLUG });
    const clean = await send<{ dashboard: unknown }>(print(DashboardTableDocument), { slug: SLUG });
    assert.equal(withError.errors?.length, 1);
    assert.deepEqual(withError.errors![0].path, ['broken', 'countyComparison']);
    assert.equal(withError.errors![0].extensions.code, 'BAD_USER_INPUT');
    assert.match(withError.errors![0].message, /Argument "group": no area group has the id "no-such-group"/);
    assert.deepEqual(withError.data.broken, { countyComparison: null });
    assert.deepEqual(withError.data.dashboard, clean.data.dashboard);
  });

  test('on every row of the dashboard, the bad argument nulls each row\'s countyComparison and nothing else', async () => {
    const query = print(DashboardTableDocument).replace(/supportingIndicators \{/, 'supportingIndicators {\n countyComparison(group: "no-such-group") { explanation }');
    const result = await send<{ dashboard: { outcomes: Array<{ supportingIndicators: Array<{ countyComparison: null; previousValue: unknown }> }> } }>(query, { slug: SLUG });
    const rows = result.data.dashboard.outcomes.flatMap((o) => o.supportingIndicators);
    assert.equal(rows.length, 12);
    assert.equal(result.errors?.length, 12);
    assert.ok(result.errors!.every((error) => error.path.at(-1) === 'countyComparison' && error.extensions.code === 'BAD_USER_INPUT'));
    assert.ok(rows.every((r) => r.countyComparison === null && r.previousValue !== undefined));
  });

  test('every judgement field is nullable in the emitted schema', async () => {
    const schema = buildSchema(await printedSchema());
    const judgements: Record<string, string[]> = {
      Indicator: ['directionOfTravel', 'recentTrend', 'rag', 'compare', 'districtComparison', 'countyComparison', 'funnel'],
      SupportingIndicator: ['directionOfTravel', 'rag', 'recentTrend', 'districtComparison', 'countyComparison'],
      Outcome: ['rag', 'directionOfTravel', 'agreesWithReported'],
      OutcomeAssessment: ['rag'],
    };
    for (const [typeName, fields] of Object.entries(judgements)) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      for (const field of fields) {
        const definition = type.getFields()[field];
        assert.ok(definition, `${typeName}.${field} exists`);
        assert.ok(!isNonNullType(definition.type), `${typeName}.${field} is nullable (is ${String(definition.type)})`);
        assert.ok(getNullableType(definition.type));
      }
    }
  });
});
