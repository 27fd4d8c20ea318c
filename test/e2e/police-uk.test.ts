/** A clean start serves police.uk values for districts, counties, CSPs and force areas with no import step. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';
import { seedWhatIsMissing } from '../../src/db/seed';
import { RunningServer, startServer } from '../../src/server';
import { print } from 'graphql';
import { CountyComparisonDocument, OutcomeJudgementsDocument } from '../../schema/generated/operations';
import { openTestDatabase, OpenTestDatabase } from '../support/database';

async function query<T>(server: RunningServer, text: string): Promise<T> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text }) });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

describe('police.uk values out of the box', () => {
  let db: OpenTestDatabase;
  let server: RunningServer;
  before(async () => {
    db = await openTestDatabase({ seed: false });
    assert.deepEqual(await seedWhatIsMissing(db.dataSource), ['geography', 'indicator catalogue', 'the 2014/15 dashboard', 'police.uk counts']);
    assert.deepEqual(await seedWhatIsMissing(db.dataSource), [], 'a second start loads nothing');
    server = await startServer({ ...loadConfig({}), port: 0 }, db.dataSource);
  });
  after(async () => {
    await server.stop();
    await db.close();
  });

  test('district, county, CSP and force-area counts add up', async () => {
    type Value = { value: number | null; numerator: number | null };
    const data = await query<Record<string, { value: Value }>>(server, `{
      county: indicator(id: "police-uk/burglary/count") { value(area: "E10000018", period: "2021-22") { value numerator } }
      csp: indicator(id: "police-uk/burglary/count") { value(area: "E22000165", period: "2021-22") { value numerator } }
      force: indicator(id: "police-uk/burglary/count") { value(area: "E23000021", period: "2021-22") { value numerator } }
      leicester: indicator(id: "police-uk/burglary/count") { value(area: "E06000016", period: "2021-22") { value numerator } }
      rutland: indicator(id: "police-uk/burglary/count") { value(area: "E06000017", period: "2021-22") { value numerator } }
      charnwood: indicator(id: "police-uk/burglary/count") { value(area: "E07000130", period: "2021-22") { value numerator } }
    }`);
    assert.ok(data.county.value.value! > 1000);
    assert.equal(data.csp.value.value, data.charnwood.value.value, 'Charnwood CSP is Charnwood district');
    assert.equal(data.force.value.value, data.county.value.value! + data.leicester.value.value! + data.rutland.value.value!, 'the force area is the county, Leicester and Rutland');
  });

  test('a county rate has its numerator, denominator, limits and the population year used', async () => {
    type Rate = { value: number; numerator: number; denominator: number; lowerCI95: number; upperCI95: number; lowerCI998: number; upperCI998: number; formatted: string; source: string };
    const data = await query<{ indicator: { value: Rate }; area: { population: number } }>(server, `{
      indicator(id: "police-uk/all-crime/rate") { value(area: "E10000018", period: "Q4 2020-21") { value numerator denominator lowerCI95 upperCI95 lowerCI998 upperCI998 formatted source } }
      area(code: "E10000018") { population(year: 2021) }
    }`);
    const rate = data.indicator.value;
    assert.ok(Math.abs(rate.value - (rate.numerator / rate.denominator) * 1000) < 1e-12);
    assert.ok(rate.lowerCI998 < rate.lowerCI95 && rate.lowerCI95 < rate.value && rate.value < rate.upperCI95 && rate.upperCI95 < rate.upperCI998);
    assert.match(rate.source, /mid-2021 population|mid-2020 population|mid-2022 population/);
    assert.equal(data.area.population, null, 'no mid-2021 estimate is shipped: null, never a guess');
  });

  test('a period with months not loaded has no value, and says why', async () => {
    const data = await query<{ indicator: { value: { value: number | null; note: string } | null } }>(server,
      '{ indicator(id: "police-uk/burglary/count") { value(area: "E10000018", period: "2019-20") { value note } } }');
    assert.equal(data.indicator.value?.value, null);
    assert.match(data.indicator.value!.note, /Cannot be derived: no police\.uk count for .* in Apr 2019/);
  });

  test('the peer group is Leicestershire\'s comparator, and Northamptonshire leaves it after March 2021', async () => {
    const data = await query<{ area: { comparatorGroup: { id: string; all: Array<{ code: string }>; later: Array<{ code: string }> } } }>(server,
      '{ area(code: "E10000018") { comparatorGroup { id all: members { code } later: members(period: "2021-22") { code } } } }');
    const group = data.area.comparatorGroup;
    assert.equal(group.id, 'police-uk-peer-counties');
    assert.equal(group.all.length, 10);
    assert.equal(group.later.length, 9);
    assert.ok(!group.later.some((m) => m.code === 'E10000021'));
  });

  test('the police.uk dashboard shows the latest 12 months beside the 12 before, with a note on each category', async () => {
    type Row = { note: string; previousValue: { periodLabel: string; value: number }; latestValue: { periodLabel: string; value: number } };
    const data = await query<{ dashboard: { title: string; outcomes: Array<{ supportingIndicators: Row[] }> } }>(server,
      '{ dashboard(slug: "crime-in-leicestershire-police-uk") { title outcomes { supportingIndicators { note previousValue { periodLabel value } latestValue { periodLabel value } } } } }');
    const rows = data.dashboard.outcomes.flatMap((o) => o.supportingIndicators);
    assert.equal(data.dashboard.title, 'Crime in Leicestershire (police.uk)');
    assert.ok(rows.length >= 5);
    for (const row of rows) {
      assert.equal(row.latestValue.periodLabel, '12 months to Oct 2022');
      assert.equal(row.previousValue.periodLabel, '12 months to Oct 2021');
      assert.ok(row.note.length > 40);
    }
  });

  test('typed CountyComparison: districts against the county, the county against its peers', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(CountyComparisonDocument), variables: { indicator: 'police-uk/all-crime/rate', area: 'E10000018', period: '2021-22' } }) });
    const { data, errors } = (await response.json()) as { data: import('../../schema/generated/operations').CountyComparisonQuery; errors?: unknown };
    assert.equal(errors, undefined, JSON.stringify(errors));
    const indicator = data.indicator!;
    assert.equal(indicator.districtComparison!.members.length, 7);
    assert.deepEqual(indicator.districtComparison!.members.map((m) => m.rank), [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(indicator.countyComparison!.members.length, 9);
    assert.equal(indicator.countyComparison!.benchmark.group?.id, 'police-uk-peer-counties');
    assert.ok(indicator.countyComparison!.subject!.rank! >= 1);
    assert.match(indicator.recentTrend!.label, /^(Increasing|Decreasing|No significant change|Cannot be calculated)/);
  });

  test('typed OutcomeJudgements: computed beside published', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(OutcomeJudgementsDocument), variables: { slug: 'safer-communities-2014-15-q2' } }) });
    const { data, errors } = (await response.json()) as { data: import('../../schema/generated/operations').OutcomeJudgementsQuery; errors?: unknown };
    assert.equal(errors, undefined, JSON.stringify(errors));
    const outcomes = data.dashboard!.outcomes;
    assert.deepEqual(outcomes.map((o) => o.agreesWithReported), [true, true, false, true]);
    assert.ok(outcomes.every((o) => o.directionOfTravel!.explanation.length > 20 && o.rag!.explanation.length > 20));
  });
});
