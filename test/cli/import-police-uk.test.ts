import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/data-source';
import { Dashboard, Observation, PoliceUkFile } from '../../src/entities';
import { countIndicatorId, ALL_CRIME, ASB } from '../../src/import/police-uk/crime-types';
import { createTestDatabase } from '../support/database';
import { PROJECT_ROOT, SEEDS } from '../support/paths';

// The counting itself is tested in test/import/police-uk.importer.test.ts.
const CLI = join(PROJECT_ROOT, 'build', 'src', 'cli', 'import-police-uk.js');
const run = (url: string, ...inputs: string[]) => spawnSync(process.execPath, [CLI, ...inputs], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });

const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

describe('npm run import:police-uk on a brand-new database', () => {
  test('loads the geography and the indicators from seeds/, says so, then imports the file (and no shipped counts)', async () => {
    const fresh = await createTestDatabase();
    try {
      const charnwood = readFileSync(join(SEEDS, 'lsoa-lad19.csv'), 'utf8').split('\n').find((line) => line.endsWith(',E07000130'))!.split(',')[0];
      const file = join(mkdtempSync(join(tmpdir(), 'police-uk-new-')), '2021-05-leicestershire-street.csv');
      writeFileSync(file, [
        HEADER,
        `a,2021-05,Leicestershire Police,Leicestershire Police,0,0,X,${charnwood},Charnwood 001A,Burglary,,`,
        `b,2021-05,Leicestershire Police,Leicestershire Police,0,0,X,${charnwood},Charnwood 001A,Burglary,,`,
        `,2021-05,Leicestershire Police,Leicestershire Police,0,0,X,${charnwood},Charnwood 001A,${ASB},,`,
      ].join('\n') + '\n');
      const result = run(fresh.url, file);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Loaded reference data from seeds\/: geography, indicator catalogue\npolice\.uk import: 1 files, 1 months, 3 rows, 1 districts/);
      assert.doesNotMatch(result.stdout, /Dashboard "Crime in Leicestershire/, 'one month is not the 12 the police.uk dashboard needs');
      const dataSource = await openDatabase(fresh.url);
      try {
        const count = async (crimeType: string) => (await dataSource.getRepository(Observation).findOneByOrFail({
          indicatorId: countIndicatorId(crimeType), areaCode: 'E07000130', periodKey: '2021-05/2021-05',
        })).value;
        assert.deepEqual([await count('Burglary'), await count(ASB), await count(ALL_CRIME)], [2, 1, 2]);
        assert.deepEqual((await dataSource.getRepository(PoliceUkFile).find()).map((f) => [f.force, f.month]), [['leicestershire', '2021-05']], 'none of the shipped counts');
        assert.equal(await dataSource.getRepository(Dashboard).count(), 0);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await fresh.dispose();
    }
  });
});
