/**
 * Flags and narratives (contract part 4) on the two seeded dashboards, word for word: the
 * 2014/15 dashboard (no peer values, so every flag is UNKNOWN and says why; outcome 3's published
 * Amber ↓ disagrees with the data) and the police.uk dashboard (every row flagged); and a real
 * red-red flag: North West Leicestershire's vehicle crime against its county.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningServer } from '../../src/server';
import { serveTestDatabase } from '../support/server';

interface Row { indicator: { id: string }; flag: { flag: string; explanation: string; comparison: { outcome: string } | null; trend: { direction: string } | null } }
interface DashboardAnswer { narrative: string; outcomes: Array<{ narrative: string; supportingIndicators: Row[] }> }

const NARRATIVES: Record<string, { dashboard: string; outcomes: string[] }> = {
  'safer-communities-2014-15-q2': {
    dashboard: 'Safer Communities Performance Dashboard, Leicestershire, Q2 2014-15. Of its 12 indicators, 5 improved, 1 got worse, 1 rose and 5 cannot be judged since the previous year; worse: Number of first time entrants to the criminal justice system aged 10 - 17 (212 to 244). None of these indicators can be compared with Leicestershire\'s comparator for its latest period. Red-red flags cannot be assessed: no indicator has both a comparison and a recent trend. For 3 of 4 outcomes the data agree with what was published; outcome 3 was published Amber, ↓ worsening but the data say Green, ↑ improving.',
    outcomes: [
      'Since the previous year, Total Crime rate (47.18 to 45.91) improved. Domestic Burglary rate, Vehicle Crime rate and Violence with Injury rate cannot be judged, as a value is missing. None of these indicators can be compared with Leicestershire\'s comparator for its latest period. Red-red flags cannot be assessed: no indicator has both a comparison and a recent trend. The data agree with what was published (Green, ↑ improving).',
      'Since the previous year, % Reduction in offending by IOM & PPO Offenders (38.9% to 55.7%) improved; Number of first time entrants to the criminal justice system aged 10 - 17 (212 to 244) got worse. Rate of re-offending by young offenders cannot be judged, as the two values are for periods of different length. None of these indicators can be compared with Leicestershire\'s comparator for its latest period. Red-red flags cannot be assessed: no indicator has both a comparison and a recent trend. The data agree with what was published (Green, ↑ improving).',
      'Since the previous year, Reported hate incidents (0.64 to 0.60) improved; % of domestic violence cases reviewed at MIARAC that are repeat incidents (21% to 27%) rose. Number of referrals to domestic abuse services cannot be judged, as the two values are for periods of different length. None of these indicators can be compared with Leicestershire\'s comparator for its latest period. Red-red flags cannot be assessed: no indicator has both a comparison and a recent trend. The dashboard published Amber, ↓ worsening, but the data say Green, ↑ improving: only Reported hate incidents can be judged from the data (it improved), while % of domestic violence cases reviewed at MIARAC that are repeat incidents and Number of referrals to domestic abuse services cannot.',
      'Since the previous year, % of people stating that they have been a victim of anti-social behaviour in the past year (7.7% to 7.0%) and % of people stating that they feel that the police and other local public services are successfully dealing with ASB and crime in their local area (79.0% to 82.5%) improved. None of these indicators can be compared with Leicestershire\'s comparator for its latest period. Red-red flags cannot be assessed: no indicator has both a comparison and a recent trend. The data agree with what was published (Green, ↑ improving).',
    ],
  },
  'crime-in-leicestershire-police-uk': {
    dashboard: 'Crime in Leicestershire (police.uk), Leicestershire, 12 months to Oct 2022. Of its 6 indicators, 1 improved and 5 got worse since the previous year; worse: All crime (excluding anti-social behaviour) (60.11 to 69.52), Burglary (2.65 to 3.96), Vehicle crime (3.76 to 5.37), Violence and sexual offences (25.89 to 28.80) and Criminal damage and arson (7.03 to 7.61). Against Two-tier counties in the shared police.uk downloads average (2021-22), Leicestershire is better on Anti-social behaviour incidents and similar on All crime (excluding anti-social behaviour), Burglary, Vehicle crime, Violence and sexual offences and Criminal damage and arson. No indicator is both worse than its comparator and getting worse. Nothing was published for its outcomes; the data rate them Red (1) and Green (2).',
    outcomes: [
      'Since the previous year, All crime (excluding anti-social behaviour) (60.11 to 69.52), Burglary (2.65 to 3.96), Vehicle crime (3.76 to 5.37) and Violence and sexual offences (25.89 to 28.80) got worse. Against Two-tier counties in the shared police.uk downloads average (2021-22), Leicestershire is similar on All crime (excluding anti-social behaviour), Burglary, Vehicle crime and Violence and sexual offences. No indicator is both worse than its comparator and getting worse. Nothing was published for this outcome; the data say Red, ↓ worsening.',
      'Since the previous year, Anti-social behaviour incidents (7.59 to 7.23) improved; Criminal damage and arson (7.03 to 7.61) got worse. Against Two-tier counties in the shared police.uk downloads average (2021-22), Leicestershire is better on Anti-social behaviour incidents and similar on Criminal damage and arson. No indicator is both worse than its comparator and getting worse. Nothing was published for this outcome; the data say Green, ↑ improving.',
    ],
  },
};

describe('flags and narratives', () => {
  let server: RunningServer;
  let stop: () => Promise<void>;

  async function ask<T>(query: string): Promise<T> {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = await response.json() as { data: T; errors?: unknown[] };
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data;
  }
  const dashboard = (slug: string) => ask<{ dashboard: DashboardAnswer }>(`{ dashboard(slug: "${slug}") {
    narrative
    outcomes { narrative supportingIndicators { indicator { id } flag { flag explanation comparison { outcome } trend { direction } } } }
  } }`).then((data) => data.dashboard);

  before(async () => {
    ({ server, stop } = await serveTestDatabase({ policeUk: true }));
  });
  after(() => stop?.());

  for (const [slug, expected] of Object.entries(NARRATIVES)) {
    test(`${slug}: the narratives, word for word, and the same on every asking`, async () => {
      const first = await dashboard(slug);
      assert.equal(first.narrative, expected.dashboard);
      assert.deepEqual(first.outcomes.map((o) => o.narrative), expected.outcomes);
      const again = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-fresh': '1' }, body: JSON.stringify({ query: `{ dashboard(slug: "${slug}") { narrative } }` }) });
      assert.equal(((await again.json()) as { data: { dashboard: { narrative: string } } }).data.dashboard.narrative, expected.dashboard, 'deterministic');
    });
  }

  test('2014/15: every flag is UNKNOWN, and says why (no peer values, or a count)', async () => {
    const rows = (await dashboard('safer-communities-2014-15-q2')).outcomes.flatMap((o) => o.supportingIndicators);
    assert.equal(rows.length, 12);
    for (const row of rows) {
      assert.equal(row.flag.flag, 'UNKNOWN', row.indicator.id);
      assert.match(row.flag.explanation, /^No flag for Leicestershire: the comparison cannot be made \((no member of Two-tier counties|.* is a count)/, row.indicator.id);
      assert.equal(row.flag.comparison?.outcome ?? 'NOT_COMPARED', 'NOT_COMPARED');
    }
  });

  test('police.uk: every row is flagged from its peer comparison and its own trend', async () => {
    const rows = (await dashboard('crime-in-leicestershire-police-uk')).outcomes.flatMap((o) => o.supportingIndicators);
    assert.deepEqual(rows.map((r) => r.flag.flag), ['NONE', 'NONE', 'NONE', 'NONE', 'NONE', 'NONE']);
    for (const row of rows) {
      assert.ok(row.flag.comparison && row.flag.trend, row.indicator.id);
      assert.match(row.flag.explanation, /^Leicestershire is (better than|similar to) Two-tier counties in the shared police\.uk downloads average on .* \(2021-22\), and /);
    }
  });

  test('a red-red flag: North West Leicestershire\'s vehicle crime is worse than its county\'s and getting worse', async () => {
    const data = await ask<{ indicator: { flag: Row['flag'] & { comparison: { outcome: string; benchmark: { label: string } } }; other: Row['flag'] } }>(`{
      indicator(id: "police-uk/vehicle-crime/rate") {
        flag(area: "E07000134") { flag explanation comparison { outcome benchmark { label } } trend { direction significant } }
        other: flag(area: "E07000134", against: { area: "E07000130" }) { flag explanation comparison { outcome } trend { direction } }
      }
    }`);
    const { flag } = data.indicator;
    assert.equal(flag.flag, 'RED_RED');
    assert.equal(flag.comparison.outcome, 'WORSE');
    assert.equal(flag.comparison.benchmark.label, 'Leicestershire', 'a district is compared with its county');
    assert.deepEqual(flag.trend, { direction: 'WORSENING', significant: true });
    assert.equal(flag.explanation, 'Red-red: North West Leicestershire is worse than Leicestershire on Vehicle crime per 1,000 population (police.uk) (Oct 2022), and getting worse.');
    assert.match(data.indicator.other.explanation, /Charnwood/, '`against` names another comparator');
  });
});
