/**
 * Overdispersion over HTTP, on the shipped police.uk data: the peer counties' 2021-22 all-crime
 * rates differ far more than chance, so countyComparison (AUTO) widens the funnel limits and calls
 * fewer counties significant than the chance-only funnel(overdispersion: NONE); the funnel curves
 * follow the limits used; a group of fewer than 5 says it is too small to estimate the spread.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAreaGroups, writeAreaGroups } from '../../src/import/areas.importer';
import type { RunningServer } from '../../src/server';
import { serveTestDatabase } from '../support/server';

const LEICESTERSHIRE = 'E10000018';
const ALL_CRIME = 'police-uk/all-crime/rate';
/** qnorm(0.975), qnorm(0.999). */
const Z95 = 1.959963984540054;
const Z998 = 3.090232306167813;

type Member = {
  area: { name: string };
  value: { numerator: number; denominator: number; value: number };
  outcome: string;
  level: number | null;
  method: string;
  explanation: string;
  benchmark: { lowerLimit: number; upperLimit: number };
};
type Point = { denominator: number; lower95: number; upper95: number; lower998: number; upper998: number };
type Group = {
  explanation: string;
  benchmark: { value: number };
  members: Member[];
  overdispersion: { method: string; phi: number; tau2: number | null; winsorisedShare: number; adjusted: boolean; explanation: string } | null;
  funnelLimits: Point[] | null;
};

const GROUP_FIELDS = `
  explanation
  benchmark { value }
  members { area { name } value { numerator denominator value } outcome level method explanation benchmark { lowerLimit upperLimit } }
  overdispersion { method phi tau2 winsorisedShare adjusted explanation }
  funnelLimits(points: 12) { denominator lower95 upper95 lower998 upper998 }`;

function close(actual: number, expected: number, relative: number, message: string): void {
  assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${message}: expected ${expected}, got ${actual}`);
}

describe('overdispersion in the county comparison', () => {
  let server: RunningServer;
  let stop: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'od-groups-'));

  before(async () => {
    // A partner's group of four East Midlands counties: too few to estimate the spread between areas.
    const file = join(dir, 'groups.csv');
    writeFileSync(file, 'group,area_code,group_name\n' + ['E10000018', 'E10000007', 'E10000024', 'E10000019'].map((code) => `four-counties,${code},Four East Midlands counties`).join('\n') + '\n');
    const groups = readAreaGroups(file);
    ({ server, stop } = await serveTestDatabase({
      seed: true,
      policeUk: true,
      prepare: (db) => db.dataSource.transaction((manager) => writeAreaGroups(manager, groups)),
    }));
  });
  after(async () => {
    await stop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ask<T>(text: string): Promise<{ data: T; cost: number }> {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text }) });
    const body = (await response.json()) as { data: T; errors?: unknown[]; extensions: { cost: { requested: number } } };
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return { data: body.data, cost: body.extensions.cost.requested };
  }

  const significant = (group: Group) => group.members.filter((m) => m.level !== null).map((m) => `${m.area.name} ${m.outcome} ${m.level}`);

  test('2021-22 all crime: chance alone calls 6 of 9 counties significant at 99.8%; countyComparison (ADDITIVE) calls one', async () => {
    const { data } = await ask<{ indicator: { auto: Group; none: Group; plain: Group } }>(`{ indicator(id: "${ALL_CRIME}") {
      auto: countyComparison(area: "${LEICESTERSHIRE}", period: "2021-22") { ${GROUP_FIELDS} }
      none: funnel(area: "${LEICESTERSHIRE}", period: "2021-22", overdispersion: NONE) { ${GROUP_FIELDS} }
      plain: funnel(area: "${LEICESTERSHIRE}", period: "2021-22") { ${GROUP_FIELDS} } } }`);
    const { auto, none, plain } = data.indicator;

    // Today's chance-only funnel, reproduced by NONE.
    assert.deepEqual(significant(none).sort(), [
      'Derbyshire WORSE 0.998', 'Gloucestershire BETTER 0.998', 'Lincolnshire WORSE 0.998',
      'Nottinghamshire WORSE 0.998', 'Staffordshire BETTER 0.998', 'Worcestershire WORSE 0.998',
    ]);
    const glosNone = none.members.find((m) => m.area.name === 'Gloucestershire')!;
    assert.match(
      glosNone.explanation,
      /^Gloucestershire, 64\.31 per 1,000 population, is 2\.2% lower than the .* average of 65\.76: better, by more than chance would explain for an area of its size \(99\.8% confidence\)\.$/,
    );
    assert.match(glosNone.method, /99\.8% limits 64\.77–66\.75; outside the 99\.8% limits$/);
    assert.equal(none.overdispersion!.method, 'NONE');
    assert.equal(none.overdispersion!.adjusted, false);
    assert.match(none.overdispersion!.explanation, /^The limits allow for chance alone, as asked, although the 9 members' differences/);

    // AUTO: overdispersed, so ADDITIVE; fewer counties significant; Gloucestershire no longer "better at 99.8%".
    const od = auto.overdispersion!;
    assert.deepEqual([od.method, od.adjusted, od.winsorisedShare], ['ADDITIVE', true, 0.1]);
    close(od.phi, 137.992008719, 1e-9, 'φ (test/analysis/overdispersion.test.ts, worked example 1)');
    close(od.tau2!, 14.1156890176, 1e-9, 'τ²');
    assert.match(od.explanation, /^Areas this size differ by more than chance alone, so only differences beyond that spread are called significant: /);
    assert.deepEqual(significant(auto), ['Staffordshire BETTER 0.998']);
    assert.ok(significant(auto).length < significant(none).length);
    const glos = auto.members.find((m) => m.area.name === 'Gloucestershire')!;
    assert.equal(glos.outcome, 'SIMILAR');
    assert.match(glos.explanation, /^Gloucestershire, 64\.31 per 1,000 population, is 2\.2% lower than .*: similar, within what chance and the usual spread between areas would explain for an area of its size\.$/);
    assert.match(glos.method, /widened for the spread between areas beyond chance: 95% limits 58\.37–73\.15, 99\.8% limits 54\.10–77\.41; within the 95% limits$/);
    assert.match(auto.explanation, /: 1 better, 8 similar\. Areas this size differ by more than chance alone, so only differences beyond that spread are called significant\./);

    // Each member's 99.8% limits are θ ± 3.09 × √(θ × 1,000 / population + τ²), from the answer's own numbers.
    const theta = auto.benchmark.value;
    for (const m of auto.members) {
      const half = Z998 * Math.sqrt((theta * 1000) / m.value.denominator + od.tau2!);
      close(m.benchmark.lowerLimit, theta - half, 1e-12, `${m.area.name} lower`);
      close(m.benchmark.upperLimit, theta + half, 1e-12, `${m.area.name} upper`);
    }
    // funnel without a method is countyComparison.
    assert.deepEqual(plain, auto);
  });

  test('the funnel curves follow the limits used: widened for countyComparison, chance-only for NONE', async () => {
    const { data } = await ask<{ indicator: { auto: Group; none: Group } }>(`{ indicator(id: "${ALL_CRIME}") {
      auto: countyComparison(area: "${LEICESTERSHIRE}", period: "2021-22") { ${GROUP_FIELDS} }
      none: funnel(area: "${LEICESTERSHIRE}", period: "2021-22", overdispersion: NONE) { ${GROUP_FIELDS} } } }`);
    const { auto, none } = data.indicator;
    const theta = auto.benchmark.value;
    const tau2 = auto.overdispersion!.tau2!;
    const curve = auto.funnelLimits!;
    assert.equal(curve.length, 12);
    for (const [i, p] of curve.entries()) {
      const s2 = (theta * 1000) / p.denominator;
      close(p.lower95, theta - Z95 * Math.sqrt(s2 + tau2), 1e-12, `lower 95% at ${p.denominator}`);
      close(p.upper998, theta + Z998 * Math.sqrt(s2 + tau2), 1e-12, `upper 99.8% at ${p.denominator}`);
      const chance = none.funnelLimits![i];
      assert.equal(chance.denominator, p.denominator);
      assert.ok(p.lower998 < chance.lower998 && chance.upper998 < p.upper998, `wider than chance alone at ${p.denominator}`);
    }
    // A member's own limits lie on the curve, between the points either side of its population.
    for (const m of auto.members) {
      const d = m.value.denominator;
      const right = curve.findIndex((p) => p.denominator >= d);
      const [before, after] = [curve[right - 1], curve[right]];
      assert.ok(after.upper998 <= m.benchmark.upperLimit && m.benchmark.upperLimit <= before.upper998, `${m.area.name} upper`);
      assert.ok(before.lower998 <= m.benchmark.lowerLimit && m.benchmark.lowerLimit <= after.lower998, `${m.area.name} lower`);
    }
  });

  test('funnel(overdispersion: MULTIPLICATIVE): θ ± z × s × √φ', async () => {
    const { data } = await ask<{ indicator: { funnel: Group } }>(
      `{ indicator(id: "${ALL_CRIME}") { funnel(area: "${LEICESTERSHIRE}", period: "2021-22", overdispersion: MULTIPLICATIVE) { ${GROUP_FIELDS} } } }`);
    const group = data.indicator.funnel;
    const od = group.overdispersion!;
    assert.deepEqual([od.method, od.adjusted, od.tau2], ['MULTIPLICATIVE', true, null]);
    close(od.phi, 137.992008719, 1e-9, 'φ');
    const theta = group.benchmark.value;
    for (const m of group.members) {
      const half = Z998 * Math.sqrt((theta * 1000) / m.value.denominator) * Math.sqrt(od.phi);
      close(m.benchmark.lowerLimit, theta - half, 1e-12, `${m.area.name} lower`);
    }
    assert.deepEqual(significant(group), ['Staffordshire BETTER 0.998']);
    close(group.funnelLimits![0].upper95, theta + Z95 * Math.sqrt((theta * 1000) / group.funnelLimits![0].denominator) * Math.sqrt(od.phi), 1e-12, 'curve');
  });

  test('a group of fewer than 5 is too small to estimate the spread: chance-only limits, and it says why', async () => {
    const { data } = await ask<{ indicator: { auto: Group; additive: Group } }>(`{ indicator(id: "${ALL_CRIME}") {
      auto: countyComparison(area: "${LEICESTERSHIRE}", period: "2021-22", group: "four-counties") { ${GROUP_FIELDS} }
      additive: funnel(area: "${LEICESTERSHIRE}", period: "2021-22", group: "four-counties", overdispersion: ADDITIVE) { ${GROUP_FIELDS} } } }`);
    const { auto, additive } = data.indicator;
    assert.equal(auto.members.length, 4);
    assert.deepEqual([auto.overdispersion!.method, auto.overdispersion!.adjusted, auto.overdispersion!.tau2], ['NONE', false, null]);
    assert.equal(
      auto.overdispersion!.explanation,
      'Only 4 members were compared with the average: too few to estimate how much areas differ beyond chance (at least 5 are needed), so the limits allow for chance alone.',
    );
    assert.deepEqual([additive.overdispersion!.method, additive.overdispersion!.adjusted], ['ADDITIVE', false]);
    assert.match(additive.overdispersion!.explanation, /too few to estimate .*; the additive widening asked for was not made\.$/);
    assert.deepEqual(additive.members.map((m) => m.benchmark), auto.members.map((m) => m.benchmark), 'the same chance-only limits');
    assert.doesNotMatch(auto.explanation, /chance alone/);
  });

  test('null where no funnel was used: districts against their county, and counts', async () => {
    const { data } = await ask<{ rate: { districtComparison: { overdispersion: null } }; count: { funnel: { overdispersion: null } } }>(`{
      rate: indicator(id: "${ALL_CRIME}") { districtComparison(area: "${LEICESTERSHIRE}", period: "2021-22") { overdispersion { method } } }
      count: indicator(id: "police-uk/all-crime/count") { funnel(area: "${LEICESTERSHIRE}", period: "2021-22", overdispersion: ADDITIVE) { overdispersion { method } } } }`);
    assert.equal(data.rate.districtComparison.overdispersion, null);
    assert.equal(data.count.funnel.overdispersion, null);
  });

  test('compare against the group is judged by the same widened limits; funnel costs what countyComparison does', async () => {
    const { data } = await ask<{ indicator: { compare: { outcome: string; explanation: string; benchmark: { lowerLimit: number } }; countyComparison: { subject: { benchmark: { lowerLimit: number } } } } }>(`{
      indicator(id: "${ALL_CRIME}") {
        compare(area: "E10000013", period: "2021-22", against: { group: "police-uk-peer-counties" }) { outcome explanation benchmark { lowerLimit } }
        countyComparison(area: "E10000013", period: "2021-22") { subject { benchmark { lowerLimit } } } } }`);
    assert.equal(data.indicator.compare.outcome, 'SIMILAR');
    assert.match(data.indicator.compare.explanation, /^Gloucestershire, .*: similar, within what chance and the usual spread between areas would explain for an area of its size\.$/);
    assert.equal(data.indicator.compare.benchmark.lowerLimit, data.indicator.countyComparison.subject.benchmark.lowerLimit);
    const county = await ask(`{ indicator(id: "${ALL_CRIME}") { countyComparison(area: "${LEICESTERSHIRE}") { explanation } } }`);
    const funnel = await ask(`{ indicator(id: "${ALL_CRIME}") { funnel(area: "${LEICESTERSHIRE}", overdispersion: NONE) { explanation } } }`);
    assert.equal(funnel.cost, county.cost);
    assert.ok(funnel.cost > 500);
  });
});
