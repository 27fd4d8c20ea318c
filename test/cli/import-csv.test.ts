import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Like } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';
import { Dashboard, Observation } from '../../src/entities';
import { createTestDatabase, openTestDatabase, OpenTestDatabase } from '../support/database';
import { PROJECT_ROOT } from '../support/paths';

const CLI = join(PROJECT_ROOT, 'build', 'src', 'cli', 'import-csv.js');

function runImport(databaseUrl: string, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
}

const GOOD = [
  'indicator,area_code,period,value,numerator,denominator,note',
  'safer-communities/total-crime-rate,E07000129,2013-14,44.74,"4,250","95,000",',
  'safer-communities/first-time-entrants-10-17,E07000130,2014-04/2014-06,,,,suppressed: fewer than 5',
  // Replaces the published dashboard's 47.18.
  'safer-communities/total-crime-rate,E10000018,2013-14,47.20,,,Recounted',
].join('\n');

describe('npm run import:csv', () => {
  let db: OpenTestDatabase;
  const scratch = mkdtempSync(join(tmpdir(), 'cli-csv-'));
  before(async () => {
    db = await openTestDatabase({ seed: true });
    await db.dataSource.destroy();
  });
  after(() => db.close());

  test('prints what it created and replaced; a second import changes nothing', () => {
    const file = join(scratch, 'partner.csv');
    writeFileSync(file, GOOD);
    const first = runImport(db.database.url, file);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^Imported .*partner\.csv: 3 rows$/m);
    assert.match(first.stdout, /observations\s+2 created, 1 updated, 0 unchanged/);
    assert.match(first.stdout, /periods\s+0 created, 0 updated, 2 unchanged/);
    assert.match(first.stdout, /^1 warning:\n {2}.*partner\.csv:4: .* 47\.2 replaces 47\.18 from safer-communities-dashboard-2014-15-q2\.txt:6:\d+$/m);

    const second = runImport(db.database.url, file);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /observations\s+0 created, 0 updated, 3 unchanged/);
    assert.match(second.stdout, /^No warnings\.$/m);
  });

  test('a bad row fails with file, line and column, exit code 1, and writes nothing', async () => {
    const file = join(scratch, 'bad.csv');
    writeFileSync(file, `${GOOD.replace(/2013-14/g, '2012-13')}\nsafer-communities/asb-victims,E07000130,Q2 2014-15,38.9%,,,\n`);
    const result = runImport(db.database.url, file);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^Import failed, nothing was written: .*bad\.csv:5:4: value: "38\.9%" has a % sign; give percentages as plain numbers, e\.g\. 38\.9/);
    const dataSource = await openDatabase(db.database.url);
    try {
      assert.equal(await dataSource.getRepository(Observation).countBy({ source: Like('bad.csv:%') }), 0);
    } finally {
      await dataSource.destroy();
    }
  });

  test('every problem is listed, the first on the failure line', () => {
    const file = join(scratch, 'several.csv');
    writeFileSync(file, 'indicator,area_code,period,value\nsafer-communities/nope,E07000129,2013-14,1\nsafer-communities/total-crime-rate,E07000129,Spring,1\n');
    const result = runImport(db.database.url, file);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^Import failed, nothing was written: .*several\.csv:2:1: indicator: "safer-communities\/nope" is not a known indicator id; see the indicators query\n/);
    assert.match(result.stderr, /1 more problem in the file:\n {2}.*several\.csv:3:3: period: "Spring" is not a period/);
  });

  test('a missing file or argument fails with exit code 1', () => {
    const missing = runImport(db.database.url, join(scratch, 'missing.csv'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^Import failed, nothing was written: .*missing\.csv:1: cannot read the file/);
    const usage = runImport(db.database.url);
    assert.equal(usage.status, 1);
    assert.match(usage.stderr, /usage: npm run import:csv -- <csv file>/);
  });
});

describe('npm run import:csv on a brand-new database', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'cli-csv-new-'));

  test('loads the geography and the indicators from seeds/, says so, then imports the file', async () => {
    const fresh = await createTestDatabase();
    try {
      const file = join(scratch, 'partner.csv');
      writeFileSync(file, GOOD);
      const result = runImport(fresh.url, file);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Loaded reference data from seeds\/: geography, indicator catalogue\nImported .*partner\.csv: 3 rows$/m);
      assert.match(result.stdout, /observations\s+3 created, 0 updated, 0 unchanged/);
      const dataSource = await openDatabase(fresh.url);
      try {
        const values = await dataSource.getRepository(Observation).find({ order: { areaCode: 'ASC' } });
        assert.deepEqual(values.map((o) => [o.indicatorId, o.areaCode, o.value]), [
          ['safer-communities/total-crime-rate', 'E07000129', 44.74],
          ['safer-communities/first-time-entrants-10-17', 'E07000130', null],
          ['safer-communities/total-crime-rate', 'E10000018', 47.2],
        ]);
        assert.equal(await dataSource.getRepository(Dashboard).count(), 0, 'no dashboard was loaded');
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await fresh.dispose();
    }
  });
});
