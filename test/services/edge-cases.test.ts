/**
 * Ordinary-but-odd questions a GraphQL user can ask: abolished areas, districts created after the
 * 2017 CSP lookup, other areas on a dashboard, comparisons with nothing to compare, regions,
 * rolling windows that are also financial years, periods out of range. Each gets an answer or
 * an error that names the argument, never an internal error.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execute, ExecutionResult, parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { contextFor } from '../../src/context';
import { getSchema } from '../../src/schema';
import { openTestDatabase, OpenTestDatabase } from '../support/database';

describe('edge cases of the judgements and derived values', () => {
  let db: OpenTestDatabase;
  before(async () => {
    db = await openTestDatabase({ seed: true, policeUk: true });
  });
  after(() => db.close());

  async function run(text: string): Promise<ExecutionResult> {
    return execute({ schema: await getSchema(), document: parse(text), contextValue: await contextFor(db.dataSource, loadConfig({})) });
  }
  async function query<T>(text: string): Promise<T> {
    const result = await run(text);
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    return result.data as T;
  }
  async function badInput(text: string, pattern: RegExp): Promise<void> {
    const result = await run(text);
    assert.ok(result.errors && result.errors.length > 0, 'an error');
    assert.equal(result.errors[0].extensions?.code, 'BAD_USER_INPUT', result.errors[0].message);
    assert.match(result.errors[0].message, pattern);
  }

  test('Northamptonshire has a value for its last month, and none after', async () => {
    const data = await query<{ indicator: { last: { value: number | null }; after: { value: number | null; note: string } } }>(`{ indicator(id: "police-uk/all-crime/count") {
      last: value(area: "E10000021", period: "Mar 2021") { value }
      after: value(area: "E10000021", period: "Apr 2021") { value note } } }`);
    assert.ok(data.indicator.last.value! > 0);
    assert.equal(data.indicator.after.value, null);
    assert.match(data.indicator.after.note, /Northamptonshire ceased to exist after Mar 2021/);
  });

  test('districts created in 2019 belong to their force area: Suffolk\'s population is whole', async () => {
    const data = await query<{ force: { population: number; children: Array<{ code: string }> }; county: { population: number } }>(`{
      force: area(code: "E23000025") { population(year: 2020) children { code } }
      county: area(code: "E10000029") { population(year: 2020) } }`);
    assert.equal(data.force.population, data.county.population, 'Suffolk police force area = Suffolk county');
    assert.ok(data.force.children.some((c) => c.code === 'E07000244'), 'East Suffolk sits straight in the force area');
    const csp = await query<{ areas: Array<{ code: string }> }>('{ areas(parent: "E22000373") { code } }');
    // Western Suffolk CSP: Babergh, Mid Suffolk and (since 2019) West Suffolk.
    assert.deepEqual(csp.areas.map((a) => a.code).sort(), ['E07000200', 'E07000203', 'E07000245'], 'areas(parent:) follows the CSP hierarchy too');
  });

  test('a dashboard row is judged on the dashboard\'s periods; the same indicator from the root on its own defaults, whatever path reached it', async () => {
    type Row = { directionOfTravel: { from: { period: { key: string } }; to: { period: { key: string } } }; indicator: { directionOfTravel: { from: { period: { key: string } }; to: { period: { key: string } } } } };
    type D = { dashboard: { outcomes: Array<{ supportingIndicators: Row[]; rag: { status: string } }> } };
    const data = await query<D>(`{ dashboard(slug: "crime-in-leicestershire-police-uk") { outcomes {
      rag(area: "E07000130") { status }
      supportingIndicators {
        directionOfTravel { from { period { key } } to { period { key } } }
        indicator { directionOfTravel(area: "E07000130") { from { period { key } } to { period { key } } } } } } } }`);
    const first = data.dashboard.outcomes[0].supportingIndicators[0];
    assert.equal(first.directionOfTravel.to.period.key, '2021-11/2022-10');
    assert.equal(first.directionOfTravel.from.period.key, '2020-11/2021-10');
    // From the root (and through the dashboard, the same field answers the same): the latest month against a year earlier.
    assert.equal(first.indicator.directionOfTravel.to.period.key, '2022-10/2022-10');
    assert.equal(first.indicator.directionOfTravel.from.period.key, '2021-10/2021-10');
    assert.ok(['RED', 'AMBER', 'GREEN', 'GREY'].includes(data.dashboard.outcomes[0].rag.status));
  });

  test('compare with nothing to compare with: an error, or NOT_COMPARED with the reason', async () => {
    await badInput('{ indicator(id: "police-uk/all-crime/rate") { compare(area: "E07000130", period: "2021-22", against: { areas: [] }) { outcome } } }', /Argument "against.areas": list at least one area/);
    const none = await query<{ indicator: { compare: { outcome: string; explanation: string } } }>(
      '{ indicator(id: "police-uk/all-crime/rate") { compare(area: "E07000130", period: "2021-22", against: { areas: ["W06000015"] }) { outcome explanation } } }');
    assert.equal(none.indicator.compare.outcome, 'NOT_COMPARED');
    assert.match(none.indicator.compare.explanation, /none of the 1 other area has a value for 2021-22/);
    const repeated = await query<{ indicator: { compare: { outcome: string } } }>(
      '{ indicator(id: "police-uk/all-crime/rate") { compare(area: "E07000130", period: "2021-22", against: { areas: ["E07000129", "E07000131", "E07000129"] }) { outcome } } }');
    assert.notEqual(repeated.indicator.compare.outcome, 'NOT_COMPARED');
  });

  test('a district comparison of a region covers all its districts and unitary authorities; of a district, an error', async () => {
    const data = await query<{ indicator: { districtComparison: { members: Array<{ area: { type: string } }> } } }>(
      '{ indicator(id: "police-uk/all-crime/rate") { districtComparison(area: "E12000004", period: "2021-22") { members { area { type } } } } }');
    assert.equal(data.indicator.districtComparison.members.length, 40);
    await badInput('{ indicator(id: "police-uk/all-crime/rate") { districtComparison(area: "E07000130") { explanation } } }', /Argument "area": Charnwood \(E07000130\) is a district with no districts to compare/);
  });

  test('rolling 12 months are every 12-month window, financial years included; the trend uses them', async () => {
    const data = await query<{ indicator: { series: Array<{ period: { key: string } }>; recentTrend: { points: Array<{ period: { key: string } }>; label: string } } }>(
      '{ indicator(id: "police-uk/burglary/count") { series(area: "E10000018", type: ROLLING_12_MONTHS) { period { key } } recentTrend(area: "E10000018", type: ROLLING_12_MONTHS) { label points { period { key } } } } }');
    const keys = data.indicator.series.map((o) => o.period.key);
    assert.equal(keys.length, 35 - 11);
    assert.ok(keys.includes('2021-04/2022-03') && keys.includes('2020-01/2020-12'));
    assert.match(data.indicator.recentTrend.label, /Cannot be calculated: needs 5 consecutive non-overlapping points; found 2/);
    const ytd = await query<{ indicator: { recentTrend: { label: string } } }>('{ indicator(id: "police-uk/burglary/count") { recentTrend(area: "E10000018", type: YEAR_TO_DATE) { label } } }');
    assert.equal(ytd.indicator.recentTrend.label, 'Cannot be calculated: year-to-date periods overlap each other');
  });

  test('bad periods are errors naming the argument', async () => {
    await badInput('{ indicator(id: "police-uk/burglary/rate") { directionOfTravel(area: "E10000018", period: "2020-21", from: "2021-22") { direction } } }', /Argument "from": 2021-22 comes after 2020-21/);
    await badInput('{ period(key: "0999-04/1000-03") { label } }', /Argument "key": a period must lie within the years 1000 to 9999/);
    // A count that no dashboard publishes has no home area; the rate the police.uk dashboard shows has Leicestershire.
    await badInput('{ indicator(id: "police-uk/burglary/count") { value { value } } }', /Argument "area": "police-uk\/burglary\/count" is derived for any district/);
    const home = await query<{ indicator: { value: { id: string } } }>('{ indicator(id: "police-uk/burglary/rate") { value { id } } }');
    assert.equal(home.indicator.value.id, 'police-uk/burglary/rate/E10000018/2022-10/2022-10');
    const long = await query<{ indicator: { value: { value: number | null; note: string } } }>('{ indicator(id: "police-uk/burglary/count") { value(area: "E92000001", period: "2000-01/3999-12") { value note } } }');
    assert.equal(long.indicator.value.value, null);
    assert.match(long.indicator.value.note, /spans 24000 months; derived values cover at most 240/);
    const none = await query<{ indicator: { value: { value: number | null; note: string } } }>('{ indicator(id: "police-uk/burglary/count") { value(area: "W92000004", period: "2021-22") { value note } } }');
    assert.match(none.indicator.value.note, /no police\.uk count is loaded for Wales in 2021-22/);
  });

  test('periods out of range in a judgement are bad input, not internal errors', async () => {
    const result = await execute({ schema: await getSchema(), document: parse('{ indicator(id: "police-uk/all-crime/count") { directionOfTravel(area: "E10000018", period: "Jan 1000") { direction } } }'), contextValue: await contextFor(db.dataSource, loadConfig({})) });
    // Executed without the server's error formatting here: the error is a PeriodError, which the server reports as BAD_USER_INPUT (test/e2e).
    assert.match(result.errors![0].message, /a period must lie within the years 1000 to 9999/);
  });

  test('counts of areas of different sizes are not compared; comparisons need other values', async () => {
    type G = { members: Array<{ outcome: string; rank: number | null; explanation: string }>; explanation: string };
    const data = await query<{ indicator: { districtComparison: G; compare: { outcome: string; explanation: string } } }>(`{ indicator(id: "police-uk/all-crime/count") {
      districtComparison(area: "E10000018", period: "2021-22") { members { outcome rank explanation } explanation }
      compare(area: "E07000130", period: "2021-22", against: { area: "E10000018" }) { outcome explanation } } }`);
    assert.ok(data.indicator.districtComparison.members.every((m) => m.outcome === 'NOT_COMPARED' && m.rank === null));
    assert.match(data.indicator.districtComparison.explanation, /is a count, and counts of areas of different sizes are not compared; compare the rate instead \(police-uk\/all-crime\/rate\)/);
    assert.equal(data.indicator.compare.outcome, 'NOT_COMPARED');

    const dashboard = await query<{ indicator: { countyComparison: G & { subject: { outcome: string; rank: number | null } } } }>(
      '{ indicator(id: "safer-communities/total-crime-rate") { countyComparison(area: "E10000018") { subject { outcome rank } members { outcome rank explanation } explanation } } }');
    assert.deepEqual({ ...dashboard.indicator.countyComparison.subject }, { outcome: 'NOT_COMPARED', rank: null });
    assert.match(dashboard.indicator.countyComparison.explanation, /no member of .* other than Leicestershire has a value/);
    await badInput('{ indicator(id: "police-uk/all-crime/rate") { compare(area: "E10000018", period: "2021-22", against: { areas: ["E10000018"] }) { outcome } } }', /the only area to compare Leicestershire with is Leicestershire itself/);
  });

  test('areas containing an abolished district have no value after it, and default to their last month', async () => {
    const data = await query<{ indicator: { csp: { value: number | null; note: string }; latest: { period: { key: string } } } }>(`{ indicator(id: "police-uk/all-crime/count") {
      csp: value(area: "E22000233", period: "2021-22") { value note }
      latest: value(area: "E10000021") { period { key } } } }`);
    assert.equal(data.indicator.csp.value, null);
    assert.match(data.indicator.csp.note, /includes Corby, which ceased to exist after Mar 2021/);
    assert.equal(data.indicator.latest.period.key, '2021-03/2021-03');
  });

  test('through the police.uk dashboard, the row\'s Latest Data value is the dashboard\'s 12 months; the indicator\'s own value is its latest month', async () => {
    type R = { dashboard: { outcomes: Array<{ supportingIndicators: Array<{ latestValue: { period: { key: string } }; indicator: { value: { period: { key: string } } } }> }> } };
    const data = await query<R>('{ dashboard(slug: "crime-in-leicestershire-police-uk") { outcomes { supportingIndicators { latestValue { period { key } } indicator { value { period { key } } } } } } }');
    for (const row of data.dashboard.outcomes.flatMap((o) => o.supportingIndicators)) {
      assert.equal(row.latestValue.period.key, '2021-11/2022-10');
      assert.equal(row.indicator.value.period.key, '2022-10/2022-10');
    }
  });

  test('a district compared with a group of counties leaves out its own county, and says so', async () => {
    const data = await query<{ indicator: { compare: { benchmark: { label: string; value: number }; explanation: string } } }>(
      '{ indicator(id: "police-uk/all-crime/rate") { compare(area: "E07000130", period: "2021-22", against: { group: "police-uk-peer-counties" }) { benchmark { label value } explanation } } }');
    assert.match(data.indicator.compare.benchmark.label, /average \(without Leicestershire, which overlaps Charnwood\)/);
  });

  test('England\'s population is the sum of its districts, the Isles of Scilly being inside Cornwall\'s figure', async () => {
    const data = await query<{ england: { population: number }; regions: Array<{ population: number | null }> }>(
      '{ england: area(code: "E92000001") { population(year: 2019) } regions: areas(type: REGION) { population(year: 2019) } }');
    assert.ok(data.england.population > 56_000_000 && data.england.population < 57_000_000, String(data.england.population));
    assert.equal(data.regions.reduce((sum, r) => sum + r.population!, 0), data.england.population);
  });
});
