/**
 * The data version: every writer increases it in the transaction of its write, so a rolled-back
 * import leaves it as it was. Each test measures how far one import moves it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataVersion } from '../../src/db/data-version';
import { seedGeography } from '../../src/db/seed';
import { ALL_AREAS, AreaGroupMember, RagRuleRow } from '../../src/entities';
import { writeAreaGroups } from '../../src/import/areas.importer';
import { importDashboardFile } from '../../src/import/dashboard.importer';
import { readIndicatorCatalogue } from '../../src/import/indicator-catalogue';
import { writePoliceUkDashboard } from '../../src/import/police-uk/police-uk.dashboard';
import { importPoliceUk } from '../../src/import/police-uk/police-uk.importer';
import { loadPoliceUkLedger } from '../../src/import/police-uk/police-uk.seed';
import { writeRagRules } from '../../src/import/rag-rules.importer';
import { importTidyCsvFile } from '../../src/import/tidy-csv.importer';
import { openTestDatabase, OpenTestDatabase, testDatabaseKind } from '../support/database';
import { DASHBOARD_FILE, SEEDS } from '../support/paths';

const STREET_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

describe(`the data version on ${testDatabaseKind()}`, () => {
  let db: OpenTestDatabase;
  const scratch = mkdtempSync(join(tmpdir(), 'data-version-'));
  const catalogue = readIndicatorCatalogue(join(SEEDS, 'indicator-catalogue.csv'));
  before(async () => {
    db = await openTestDatabase({ seed: false });
  });
  after(() => db.close());

  /** How far `run` moves the version. */
  async function moved(run: () => Promise<unknown>): Promise<number> {
    const before = await readDataVersion(db.dataSource);
    await run();
    return (await readDataVersion(db.dataSource)) - before;
  }

  /** `run` fails with `error`, and the version is where it was. */
  async function failsWithoutMoving(run: () => Promise<unknown>, error: RegExp): Promise<void> {
    const before = await readDataVersion(db.dataSource);
    await assert.rejects(run(), error);
    assert.equal(await readDataVersion(db.dataSource), before, 'a failed import leaves the version unchanged');
  }

  /** A police.uk street file with one crime in Charnwood. */
  function streetFile(month: string, force = 'leicestershire'): string {
    const lsoa = readFileSync(join(SEEDS, 'lsoa-lad19.csv'), 'utf8').split('\n').find((line) => line.endsWith(',E07000130'))!.split(',')[0];
    const file = join(mkdtempSync(join(scratch, 'street-')), `${month}-${force}-street.csv`);
    writeFileSync(file, `${STREET_HEADER}\na,${month},Leicestershire Police,Leicestershire Police,0,0,X,${lsoa},Charnwood 001A,Burglary,,\n`);
    return file;
  }

  test('a freshly migrated database has the one row, at 0', async () => {
    assert.equal(await readDataVersion(db.dataSource), 0);
    assert.deepEqual((await db.dataSource.query('SELECT id, version FROM data_version')).map((row: { id: unknown; version: unknown }) => [Number(row.id), Number(row.version)]), [[1, 0]]);
  });

  test('the geography: writeAreas and writeAreaGroups once each; a group naming an unknown area, not at all', async () => {
    assert.equal(await moved(() => seedGeography(db.dataSource)), 2);
    const groups = { groups: [], members: [Object.assign(new AreaGroupMember(), { groupId: 'g', areaCode: 'E07999999', position: 1, validFrom: null, validTo: null })] };
    // The check fails after writeAreaGroups has increased the version: the rollback undoes it.
    await failsWithoutMoving(() => db.dataSource.transaction((manager) => writeAreaGroups(manager, groups)), /E07999999, which is not a known area/);
  });

  test('a dashboard import: once; one for an unknown area, not at all', async () => {
    assert.equal(await moved(() => importDashboardFile(db.dataSource, DASHBOARD_FILE, { catalogue, areaCode: 'E10000018' })), 1);
    assert.equal(await moved(() => importDashboardFile(db.dataSource, DASHBOARD_FILE, { catalogue, areaCode: 'E10000018' })), 1, 'a re-import is a write too');
    await failsWithoutMoving(() => importDashboardFile(db.dataSource, DASHBOARD_FILE, { catalogue, areaCode: 'E99999999', slug: 'elsewhere' }), /area E99999999 is not a known area/);
  });

  test('RAG rules: once; a rule for an unknown indicator, not at all', async () => {
    const rule = (indicatorId: string) => Object.assign(new RagRuleRow(), {
      indicatorId, scope: ALL_AREAS, targetValue: 46, targetMin: null, targetMax: null, tolerance: 0.05, note: null, source: 'rules.csv:2',
    });
    assert.equal(await moved(() => db.dataSource.transaction((manager) => writeRagRules(manager, [rule('safer-communities/total-crime-rate')]))), 1);
    await failsWithoutMoving(() => db.dataSource.transaction((manager) => writeRagRules(manager, [rule('safer-communities/nope')])), /"safer-communities\/nope" is not a known indicator id/);
  });

  test('a tidy CSV import: once; a file with a bad row, not at all', async () => {
    const good = join(scratch, 'good.csv');
    writeFileSync(good, 'indicator,area_code,period,value\nsafer-communities/total-crime-rate,E07000129,2013-14,44.74\n');
    assert.equal(await moved(() => importTidyCsvFile(db.dataSource, good)), 1);
    const bad = join(scratch, 'bad.csv');
    writeFileSync(bad, 'indicator,area_code,period,value\nsafer-communities/total-crime-rate,E07000129,2012-13,44.74\nsafer-communities/nope,E07000129,2013-14,1\n');
    await failsWithoutMoving(() => importTidyCsvFile(db.dataSource, bad), /bad\.csv:3:1: indicator: "safer-communities\/nope" is not a known indicator id/);
  });

  test('police.uk: the indicators when they change and each file once; a file that fails, not at all', async () => {
    assert.equal(await moved(() => importPoliceUk(db.dataSource, [streetFile('2021-05')], { progress: false })), 2, 'its indicators are new, then one file');
    assert.equal(await moved(() => importPoliceUk(db.dataSource, [streetFile('2021-05'), streetFile('2021-06')], { progress: false })), 2, 'unchanged indicators, two files');
    await failsWithoutMoving(() => importPoliceUk(db.dataSource, [streetFile('2021-07', 'atlantis')], { progress: false }), /"atlantis" is not a police force this project knows/);
  });

  test('the police.uk ledger from seeds/ and the police.uk dashboard: once each', async () => {
    assert.equal(await moved(() => loadPoliceUkLedger(db.dataSource, join(SEEDS, 'police-uk'))), 1);
    assert.equal(await moved(() => loadPoliceUkLedger(db.dataSource, join(SEEDS, 'police-uk'))), 0, 'nothing left to load: no transaction');
    assert.equal(await moved(() => db.dataSource.transaction((manager) => writePoliceUkDashboard(manager))), 1);
  });
});
