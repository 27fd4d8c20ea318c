import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataVersion } from '../../src/db/data-version';
import { Area, AreaGroup, Dashboard, Indicator, Observation, PoliceUkCount, PoliceUkFile } from '../../src/entities';
import { ensureReferenceData, seedGeography, seedWhatIsMissing } from '../../src/db/seed';
import { allPoliceUkIndicators } from '../../src/import/police-uk/crime-types';
import { importPoliceUk } from '../../src/import/police-uk/police-uk.importer';
import { writePoliceUkDashboard } from '../../src/import/police-uk/police-uk.dashboard';
import { openTestDatabase, OpenTestDatabase } from '../support/database';
import { SEEDS } from '../support/paths';

describe('seeding a database that already holds a user\'s own import', () => {
  let db: OpenTestDatabase;
  before(async () => {
    db = await openTestDatabase({ seed: false });
  });
  after(() => db.close());

  test('keeps the user\'s force-months and loads the rest', async () => {
    await seedGeography(db.dataSource);
    // A Leicestershire month that the seeds also have, with made-up rows: the user's own copy.
    const lsoa = readFileSync(join(SEEDS, 'lsoa-lad19.csv'), 'utf8').split('\n').find((line) => line.endsWith(',E07000130'))!.split(',')[0];
    const file = join(mkdtempSync(join(tmpdir(), 'seed-')), '2021-05-leicestershire-street.csv');
    writeFileSync(file, 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n'
      + `a,2021-05,Leicestershire Police,Leicestershire Police,0,0,X,${lsoa},Charnwood 001A,Burglary,,\n`);
    await importPoliceUk(db.dataSource, [file], { progress: false });

    // The police.uk import brought its own indicators, not the catalogue's.
    assert.deepEqual(await seedWhatIsMissing(db.dataSource), ['indicator catalogue', 'the 2014/15 dashboard', 'police.uk counts']);
    assert.deepEqual(await seedWhatIsMissing(db.dataSource), [], 'a second start loads nothing');
    const mine = await db.dataSource.getRepository(PoliceUkCount).findBy({ force: 'leicestershire', month: '2021-05' });
    assert.deepEqual(mine.map((row) => [row.areaCode, row.crimeType, row.count]), [['E07000130', 'Burglary', 1]]);
    assert.equal((await db.dataSource.getRepository(PoliceUkFile).findOneByOrFail({ force: 'leicestershire', month: '2021-05' })).rows, 1);
    assert.ok((await db.dataSource.getRepository(PoliceUkFile).count()) === 152, 'the other 151 force-months came from seeds/');
    assert.equal(await db.dataSource.getRepository(Dashboard).count(), 2);
  });

  test('a month loaded on its own after a gap leaves the police.uk dashboard on its latest complete 12 months', async () => {
    const lsoa = readFileSync(join(SEEDS, 'lsoa-lad19.csv'), 'utf8').split('\n').find((line) => line.endsWith(',E07000130'))!.split(',')[0];
    const file = join(mkdtempSync(join(tmpdir(), 'seed-')), '2023-01-leicestershire-street.csv');
    writeFileSync(file, 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n'
      + `a,2023-01,Leicestershire Police,Leicestershire Police,0,0,X,${lsoa},Charnwood 001A,Burglary,,\n`);
    await importPoliceUk(db.dataSource, [file], { progress: false });
    const latest = await db.dataSource.transaction((manager) => writePoliceUkDashboard(manager));
    assert.equal(latest?.label, '12 months to Oct 2022');
  });
});

describe('ensureReferenceData, which every import command runs first', () => {
  let db: OpenTestDatabase;
  before(async () => {
    db = await openTestDatabase({ seed: false });
  });
  after(() => db.close());

  test('on a brand-new database loads the geography and every indicator, and no dashboard or police.uk count; then nothing', async () => {
    assert.deepEqual(await ensureReferenceData(db.dataSource), ['geography', 'indicator catalogue']);
    assert.equal(await db.dataSource.getRepository(Area).count(), readFileSync(join(SEEDS, 'areas.csv'), 'utf8').trim().split('\n').length - 1);
    assert.deepEqual((await db.dataSource.getRepository(AreaGroup).find()).map((g) => g.id), ['police-uk-peer-counties']);
    assert.equal(await db.dataSource.getRepository(Indicator).count(), 12 + allPoliceUkIndicators().length, 'the 12 of the catalogue and police.uk\'s');
    for (const table of [Dashboard, Observation, PoliceUkFile]) assert.equal(await db.dataSource.getRepository<object>(table).count(), 0, table.name);
    const version = await readDataVersion(db.dataSource);
    assert.ok(version > 0);

    assert.deepEqual(await ensureReferenceData(db.dataSource), []);
    assert.equal(await readDataVersion(db.dataSource), version, 'nothing loaded, nothing written');
  });

  test('adds an indicator that is missing and leaves one that is there as it is', async () => {
    const indicators = db.dataSource.getRepository(Indicator);
    await indicators.update({ id: 'safer-communities/total-crime-rate' }, { definition: 'Our own definition' });
    await indicators.delete({ id: 'police-uk/drugs/rate' });
    assert.deepEqual(await ensureReferenceData(db.dataSource), ['indicator catalogue']);
    assert.equal((await indicators.findOneByOrFail({ id: 'safer-communities/total-crime-rate' })).definition, 'Our own definition');
    assert.equal((await indicators.findOneByOrFail({ id: 'police-uk/drugs/rate' })).baseIndicatorId, 'police-uk/drugs/count');
  });
});
