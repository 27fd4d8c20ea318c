import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AreaGroup, AreaGroupMember } from '../../src/entities';
import { openDatabase } from '../../src/db/data-source';
import { createTestDatabase, openTestDatabase, OpenTestDatabase } from '../support/database';
import { PROJECT_ROOT } from '../support/paths';

const CLI = join(PROJECT_ROOT, 'build', 'src', 'cli', 'import-groups.js');
const run = (url: string, file: string) => spawnSync(process.execPath, [CLI, file], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });

describe('npm run import:groups', () => {
  let db: OpenTestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'groups-'));
  before(async () => {
    db = await openTestDatabase({ seed: true });
    await db.dataSource.destroy();
  });
  after(() => db.close());

  test('loads a partner\'s group of group, area_code rows, and replaces it on re-import', async () => {
    const file = join(dir, 'groups.csv');
    writeFileSync(file, 'group,area_code\nmy-districts,E07000129\nmy-districts,E07000130\n');
    const first = run(db.database.url, file);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /members\s+2 created/);
    writeFileSync(file, 'group,area_code\nmy-districts,E07000130\nmy-districts,E07000131\n');
    const second = run(db.database.url, file);
    assert.match(second.stdout, /members\s+1 created, 1 updated, 0 unchanged, 1 removed/);
    const dataSource = await openDatabase(db.database.url);
    try {
      const members = await dataSource.getRepository(AreaGroupMember).find({ where: { groupId: 'my-districts' }, order: { position: 'ASC' } });
      assert.deepEqual(members.map((m) => m.areaCode), ['E07000130', 'E07000131']);
    } finally {
      await dataSource.destroy();
    }
  });

  test('an unknown area or a bad month is an error with line and column, and nothing is written', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'group,area_code,valid_to\nother,E07000129,\nother,E07000130,2021-13\n');
    const result = run(db.database.url, file);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /bad\.csv:3:3: valid_to: "2021-13" is not a month as YYYY-MM/);
    writeFileSync(file, 'group,area_code\nother,E07999999\n');
    assert.match(run(db.database.url, file).stderr, /names E07999999, which is not a known area/);
  });
});

describe('npm run import:groups on a brand-new database', () => {
  test('loads the geography and the indicators from seeds/, says so, then imports the groups', async () => {
    const fresh = await createTestDatabase();
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'groups-new-')), 'groups.csv');
      writeFileSync(file, 'group,area_code\nmy-districts,E07000129\nmy-districts,E07000130\n');
      const result = run(fresh.url, file);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Loaded reference data from seeds\/: geography, indicator catalogue\nImported 1 group from /);
      assert.match(result.stdout, /members\s+2 created, 0 updated, 0 unchanged, 0 removed/);
      const dataSource = await openDatabase(fresh.url);
      try {
        const members = await dataSource.getRepository(AreaGroupMember).find({ where: { groupId: 'my-districts' }, order: { position: 'ASC' } });
        assert.deepEqual(members.map((m) => m.areaCode), ['E07000129', 'E07000130']);
        const groups = await dataSource.getRepository(AreaGroup).find({ order: { id: 'ASC' } });
        assert.deepEqual(groups.map((g) => g.id), ['my-districts', 'police-uk-peer-counties'], 'the group of seeds/area-groups.csv is there too');
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await fresh.dispose();
    }
  });
});
