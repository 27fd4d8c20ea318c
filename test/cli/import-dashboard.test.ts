import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/data-source';
import { Area, Dashboard, Observation, PoliceUkFile } from '../../src/entities';
import { createTestDatabase, openTestDatabase, OpenTestDatabase } from '../support/database';
import { DASHBOARD_FILE, PROJECT_ROOT } from '../support/paths';

const CLI = join(PROJECT_ROOT, 'build', 'src', 'cli', 'import-dashboard.js');

function runImport(databaseUrl: string, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
}

describe('npm run import', () => {
  let db: OpenTestDatabase;
  before(async () => {
    db = await openTestDatabase({ seed: true });
    await db.dataSource.destroy();
  });
  after(() => db.close());

  test('prints what it created, updated and warned; a second import changes nothing', () => {
    const result = runImport(db.database.url, DASHBOARD_FILE);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /as dashboard "safer-communities-2014-15-q2"/);
    assert.match(result.stdout, /observations\s+0 created, 0 updated, 21 unchanged/);
    assert.match(result.stdout, /:8:\d+: conflict: .*27% .* 21% .*21% is kept as the 2013-14 value/);
    assert.match(result.stdout, /:6:\d+: Latest Data gives 1 value for 4 indicators/);
  });

  test('a truncated file fails with file, line and column, exit code 1', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-')), 'truncated.txt');
    writeFileSync(file, readFileSync(DASHBOARD_FILE, 'utf8').slice(0, 2000));
    const result = runImport(db.database.url, file);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^Import failed, nothing was written: .*truncated\.txt:\d+:\d+: /);
  });

  test('a missing argument prints the usage', () => {
    const result = runImport(db.database.url);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /usage: npm run import -- <dashboard table file>/);
  });
});

describe('npm run import on a brand-new database', () => {
  test('loads the geography and the indicators from seeds/, says so, then imports the table', async () => {
    const fresh = await createTestDatabase();
    try {
      const result = runImport(fresh.url, DASHBOARD_FILE);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Loaded reference data from seeds\/: geography, indicator catalogue\nImported /);
      assert.match(result.stdout, /observations\s+21 created, 0 updated, 0 unchanged/);
      const dataSource = await openDatabase(fresh.url);
      try {
        assert.deepEqual((await dataSource.getRepository(Dashboard).find()).map((d) => d.slug), ['safer-communities-2014-15-q2'], 'the table only: no police.uk dashboard');
        assert.equal(await dataSource.getRepository(Observation).count(), 21);
        assert.equal(await dataSource.getRepository(PoliceUkFile).count(), 0, 'no police.uk counts');
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await fresh.dispose();
    }
  });

  test('a table that fails inside its transaction writes nothing of its own; the reference data stays', async () => {
    const fresh = await createTestDatabase();
    try {
      const result = runImport(fresh.url, DASHBOARD_FILE, '--area', 'E99999999');
      assert.equal(result.status, 1);
      assert.match(result.stdout, /^Loaded reference data from seeds\/: geography, indicator catalogue\n$/);
      assert.match(result.stderr, /^Import failed, nothing was written: .*safer-communities-dashboard-2014-15-q2\.txt:1: the dashboard's area E99999999 is not a known area/);
      const dataSource = await openDatabase(fresh.url);
      try {
        assert.ok((await dataSource.getRepository(Area).count()) > 700, 'the geography was committed first');
        assert.equal(await dataSource.getRepository(Dashboard).count(), 0);
        assert.equal(await dataSource.getRepository(Observation).count(), 0);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await fresh.dispose();
    }
  });
});
