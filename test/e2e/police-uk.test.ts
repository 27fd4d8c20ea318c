/** A clean start serves police.uk values for districts, counties, CSPs and force areas with no import step. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedWhatIsMissing } from '../../src/db/seed';
import type { RunningServer } from '../../src/server';
import { print } from 'graphql';
import { CountyComparisonDocument, OutcomeJudgementsDocument } from '../../schema/generated/operations';
import { serveTestDatabase } from '../support/server';

async function query<T>(server: RunningServer, text: string): Promise<T> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text }) });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

describe('police.uk values out of the box', () => {
  let server: RunningServer;
  let stop: () => Promise<void>;
  before(async () => {
    ({ server, stop } = await serveTestDatabase({
      seed: false,
      prepare: async (db) => {
        assert.deepEqual(await seedWhatIsMissing(db.dataSource), ['geography', 'indicator catalogue', 'the 2014/15 dashboard', 'police.uk counts']);
        assert.deepEqual(await seedWhatIsMissing(db.dataSource), [], 'a second start loads nothing');
      },
    }));
  });
  after(() => stop?.());

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

  test('funnel plot curves: the peer group\'s control limits over the members\' populations; none for districts or counts', async () => {
    type Point = { denominator: number; lower95: number; upper95: number; lower998: number; upper998: number };
    type Member = { value: { denominator: number | null } | null; benchmark: { value: number; lowerLimit: number | null; upperLimit: number | null } };
    type Group = { funnelLimits: Point[] | null; benchmark: { value: number }; members: Member[] };
    const data = await query<{ rate: { countyComparison: Group; districtComparison: { funnelLimits: Point[] | null } }; count: { countyComparison: { funnelLimits: Point[] | null } } }>(server, `{
      rate: indicator(id: "police-uk/all-crime/rate") {
        countyComparison(area: "E10000018", period: "2021-04/2022-03") {
          funnelLimits(points: 10) { denominator lower95 upper95 lower998 upper998 }
          benchmark { value }
          members { value { denominator } benchmark { value lowerLimit upperLimit } }
        }
        districtComparison(area: "E10000018", period: "2021-04/2022-03") { funnelLimits { denominator } }
      }
      count: indicator(id: "police-uk/all-crime/count") { countyComparison(area: "E10000018", period: "2021-04/2022-03") { funnelLimits { denominator } } }
    }`);
    const { funnelLimits: curve, benchmark, members } = data.rate.countyComparison;
    assert.ok(curve, 'a rate compared by funnel limits has curves');
    assert.equal(curve.length, 10);
    const denominators = members.map((m) => m.value!.denominator!);
    assert.equal(denominators.length, 9);
    assert.ok(Math.abs(curve[0].denominator / (Math.min(...denominators) / 2) - 1) < 1e-12, 'from half the smallest member');
    assert.ok(Math.abs(curve[9].denominator / (Math.max(...denominators) * 2) - 1) < 1e-12, 'to twice the largest');
    const average = benchmark.value;
    for (const [i, p] of curve.entries()) {
      assert.ok(p.lower998 < p.lower95 && p.lower95 < average && average < p.upper95 && p.upper95 < p.upper998, `nested around the average at ${p.denominator}`);
      if (i > 0) assert.ok(p.denominator > curve[i - 1].denominator && p.upper998 < curve[i - 1].upper998 && p.lower998 > curve[i - 1].lower998, `narrowing at ${p.denominator}`);
    }
    // Each member's own 99.8% limits lie on the curve: between those of the points either side of its population.
    for (const member of members) {
      const d = member.value!.denominator!;
      const right = curve.findIndex((p) => p.denominator >= d);
      const [before, after] = [curve[right - 1], curve[right]];
      assert.ok(before.denominator <= d && d <= after.denominator);
      assert.equal(member.benchmark.value, average);
      assert.ok(after.upper998 <= member.benchmark.upperLimit! && member.benchmark.upperLimit! <= before.upper998, `upper 99.8% limit at ${d}`);
      assert.ok(before.lower998 <= member.benchmark.lowerLimit! && member.benchmark.lowerLimit! <= after.lower998, `lower 99.8% limit at ${d}`);
    }
    assert.equal(data.rate.districtComparison.funnelLimits, null, 'districts are compared with the county\'s value, not by funnel');
    assert.equal(data.count.countyComparison.funnelLimits, null, 'counts are not compared');
  });

  test('funnel plot curves take 2 to 500 points; others are a bad argument naming points', async () => {
    for (const points of [1, 501, 1_000_000]) {
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ indicator(id: "police-uk/all-crime/rate") { countyComparison(area: "E10000018", period: "2021-22") { funnelLimits(points: ${points}) { denominator } } } }` }) });
      const body = (await response.json()) as { errors?: Array<{ message: string; extensions: { code: string; argument: string } }> };
      assert.equal(body.errors?.length, 1, JSON.stringify(body));
      assert.equal(body.errors![0].message, `Argument "points": must be a whole number from 2 to 500 (got ${points})`);
      assert.deepEqual([body.errors![0].extensions.code, body.errors![0].extensions.argument], ['BAD_USER_INPUT', 'points']);
    }
    const data = await query<{ indicator: { countyComparison: { funnelLimits: unknown[] } } }>(server,
      '{ indicator(id: "police-uk/all-crime/rate") { countyComparison(area: "E10000018", period: "2021-22") { funnelLimits { denominator } } } }');
    assert.equal(data.indicator.countyComparison.funnelLimits.length, 60, '60 points unless asked');
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
