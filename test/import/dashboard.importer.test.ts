import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Dashboard, Indicator, Observation, Outcome, OutcomeAssessment, OutcomeIndicator, Period } from '../../src/entities';
import { importDashboardFile } from '../../src/import/dashboard.importer';
import { ImportError } from '../../src/import/import-error';
import { IndicatorCatalogue, readIndicatorCatalogue } from '../../src/import/indicator-catalogue';
import { DASHBOARD_FILE, SEEDS } from '../support/paths';
import { openTestDatabase, OpenTestDatabase } from '../support/database';

/** Every row of every table the importer writes, in a stable order, to compare before and after. */
async function snapshot(dataSource: DataSource): Promise<string> {
  const tables = [Period, Indicator, Dashboard, Outcome, OutcomeIndicator, OutcomeAssessment, Observation] as const;
  const parts: unknown[] = [];
  for (const table of tables) {
    const rows = await dataSource.getRepository<object>(table).find();
    parts.push(rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort());
  }
  return JSON.stringify(parts);
}

describe('importDashboardFile', () => {
  let db: OpenTestDatabase;
  let catalogue: IndicatorCatalogue;
  const scratch = mkdtempSync(join(tmpdir(), 'dashboard-import-'));
  const source = readFileSync(DASHBOARD_FILE, 'utf8');

  before(async () => {
    db = await openTestDatabase({ seed: true });
    catalogue = readIndicatorCatalogue(join(SEEDS, 'indicator-catalogue.csv'));
  });
  after(() => db.close());

  test('the seeded dashboard holds every published figure', async () => {
    const observations = await db.dataSource.getRepository(Observation).find();
    assert.equal(observations.length, 21, '12 previous-year values and 9 latest values');
    assert.ok(observations.every((o) => o.value !== null && o.areaCode === 'E10000018'));
    const links = await db.dataSource.getRepository(OutcomeIndicator).find();
    assert.equal(links.length, 12);
    const repeat = observations.find((o) => o.indicatorId === 'safer-communities/marac-repeat-cases' && o.periodKey === '2013-04/2014-03')!;
    assert.equal(repeat.value, 21);
    assert.equal(repeat.printed, '21%');
    assert.match(repeat.note!, /27% in bold/);
    assert.match(repeat.source!, /^safer-communities-dashboard-2014-15-q2\.txt:8:\d+$/);
  });

  test('the seeded assessments are the RAGs the table publishes; one it does not publish is stored as null, not GREY', async () => {
    const assessments = db.dataSource.getRepository(OutcomeAssessment);
    const stored = await assessments.find({ order: { outcomeId: 'ASC' } });
    assert.deepEqual(stored.map((a) => [a.outcomeId.replace(/^.*\//, ''), a.periodKey, a.rag, a.progress, a.arrow]), [
      ['1', '2014-07/2014-09', 'GREEN', 'GREEN', '↑'],
      ['2', '2014-07/2014-09', 'GREEN', 'GREEN', '↑'],
      ['3', '2014-07/2014-09', 'AMBER', 'AMBER', '↓'],
      ['4', '2014-07/2014-09', 'GREEN', 'GREEN', '↑'],
    ]);

    // Same file name, so only the assessment differs.
    const file = join(mkdtempSync(join(scratch, 'no-rag-')), 'safer-communities-dashboard-2014-15-q2.txt');
    writeFileSync(file, source.replace('Ongoing reductions in crime\t<b>G</b>\t', 'Ongoing reductions in crime\t\t'));
    const report = await importDashboardFile(db.dataSource, file, { catalogue, areaCode: 'E10000018' });
    assert.deepEqual(report.changes.assessments, { created: 0, updated: 1, unchanged: 3, removed: 0 });
    assert.ok(report.warnings.some((w) => w.location.line === 6 && /no Overall Progress RAG is published .*stored as null/.test(w.message)));
    const first = { outcomeId: 'safer-communities-2014-15-q2/outcomes/1' };
    assert.equal((await assessments.findOneByOrFail(first)).rag, null);

    await importDashboardFile(db.dataSource, DASHBOARD_FILE, { catalogue, areaCode: 'E10000018' });
    assert.equal((await assessments.findOneByOrFail(first)).rag, 'GREEN');
  });

  test('importing again changes nothing, and the report says so', async () => {
    const before = await snapshot(db.dataSource);
    const report = await importDashboardFile(db.dataSource, DASHBOARD_FILE, { catalogue, areaCode: 'E10000018' });
    assert.equal(await snapshot(db.dataSource), before);
    for (const [name, counts] of Object.entries(report.changes)) {
      assert.deepEqual([counts.created, counts.updated, counts.removed], [0, 0, 0], name);
    }
    assert.equal(report.changes.observations.unchanged, 21);
    assert.ok(report.warnings.some((w) => /conflict: .*27%.*21%/.test(w.message)), 'the report names the 27%/21% conflict');
  });

  test('a truncated file is rejected with line and column, and nothing changes', async () => {
    const before = await snapshot(db.dataSource);
    const file = join(scratch, 'truncated.txt');
    writeFileSync(file, source.slice(0, source.indexOf('0.60') + 2));
    await assert.rejects(importDashboardFile(db.dataSource, file, { catalogue, areaCode: 'E10000018' }), (error: unknown) => {
      assert.ok(error instanceof ImportError);
      assert.equal(error.location.line, 8);
      assert.ok(error.location.column! > 1);
      return true;
    });
    assert.equal(await snapshot(db.dataSource), before);
  });

  test('a corrected value updates only that observation', async () => {
    // Same file name: the source reference (file:line:column) stays the same, only the value differs.
    const file = join(mkdtempSync(join(scratch, 'corrected-')), 'safer-communities-dashboard-2014-15-q2.txt');
    writeFileSync(file, source.replace('\t45.91\t', '\t45.90\t'));
    const report = await importDashboardFile(db.dataSource, file, { catalogue, areaCode: 'E10000018' });
    assert.deepEqual(report.changes.observations, { created: 0, updated: 1, unchanged: 20, removed: 0 });
    const value = await db.dataSource.getRepository(Observation).findOneByOrFail({
      indicatorId: 'safer-communities/total-crime-rate', periodKey: '2013-10/2014-09',
    });
    assert.equal(value.printed, '45.90');
    await importDashboardFile(db.dataSource, DASHBOARD_FILE, { catalogue, areaCode: 'E10000018' });
  });

  test('a failure while writing rolls everything back', async () => {
    const before = await snapshot(db.dataSource);
    // A valid table whose last row needs an indicator the catalogue lacks: found after earlier rows were planned.
    const file = join(scratch, 'unknown-indicator.txt');
    writeFileSync(file, source.replace('Reported hate incidents (per 1,000 population)', 'Reported hate crimes (per 1,000 population)').replace('\t45.91\t', '\t44.00\t'));
    await assert.rejects(importDashboardFile(db.dataSource, file, { catalogue, areaCode: 'E10000018' }),
      /:8:\d+: "Reported hate crimes \(per 1,000 population\)" is not in the indicator catalogue/);
    // An unknown area is found only inside the transaction.
    await assert.rejects(importDashboardFile(db.dataSource, DASHBOARD_FILE, { catalogue, areaCode: 'E99999999' }), /area E99999999 is not a known area/);
    assert.equal(await snapshot(db.dataSource), before);
  });

  test('a value whose % sign disagrees with the catalogue is rejected', async () => {
    const file = join(scratch, 'percent.txt');
    writeFileSync(file, source.replace('\t45.91\t', '\t45.91%\t'));
    await assert.rejects(importDashboardFile(db.dataSource, file, { catalogue, areaCode: 'E10000018' }),
      /:6:\d+: "45.91%" is a percentage but the catalogue says "Total Crime rate \(per 1,000 population\)" is a RATE/);
  });

  test('a corrected table that no longer gives a value removes it', async () => {
    const file = join(mkdtempSync(join(scratch, 'removed-')), 'safer-communities-dashboard-2014-15-q2.txt');
    writeFileSync(file, source.replace('\t45.91\t', '\t\t'));
    const report = await importDashboardFile(db.dataSource, file, { catalogue, areaCode: 'E10000018' });
    assert.equal(report.changes.observations.removed, 1);
    const gone = await db.dataSource.getRepository(Observation).findOneBy({ indicatorId: 'safer-communities/total-crime-rate', periodKey: '2013-10/2014-09' });
    assert.equal(gone, null);
    await importDashboardFile(db.dataSource, DASHBOARD_FILE, { catalogue, areaCode: 'E10000018' });
  });

  test('a corrected table under another name removes values it no longer gives; another area needs another slug', async () => {
    const file = join(scratch, 'corrected-copy.txt');
    writeFileSync(file, source.replace(' 0.60\t', '\t'));
    const report = await importDashboardFile(db.dataSource, file, { catalogue, areaCode: 'E10000018' });
    assert.equal(report.changes.observations.removed, 1);
    assert.equal(await db.dataSource.getRepository(Observation).findOneBy({ indicatorId: 'safer-communities/hate-incidents-rate', periodKey: '2013-10/2014-09' }), null);
    await assert.rejects(importDashboardFile(db.dataSource, DASHBOARD_FILE, { catalogue, areaCode: 'E07000130' }),
      /dashboard "safer-communities-2014-15-q2" reports on E10000018, not E07000130 \(Charnwood\); pass --slug/);
    await importDashboardFile(db.dataSource, DASHBOARD_FILE, { catalogue, areaCode: 'E10000018' });
  });
});
