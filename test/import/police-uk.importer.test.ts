/**
 * The police.uk importer on months that are not in ../shared: files for West Yorkshire Police
 * made here, row by row, so the expected counts are known independently of the importer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import yazl from 'yazl';
import { Observation, PoliceUkCount, PoliceUkFile } from '../../src/entities';
import { ImportError } from '../../src/import/import-error';
import { countIndicatorId, CRIME_TYPES, ALL_CRIME, ASB } from '../../src/import/police-uk/crime-types';
import { formatPoliceUkSummary, importPoliceUk } from '../../src/import/police-uk/police-uk.importer';
import { openTestDatabase, OpenTestDatabase } from '../support/database';
import { SEEDS } from '../support/paths';

const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const WEST_YORKSHIRE = ['E08000032', 'E08000033', 'E08000034', 'E08000035', 'E08000036'];
const NORTH_YORKSHIRE_DISTRICT = 'E07000163'; // Craven: another force's district

/** A deterministic pseudo-random sequence, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

interface Generated {
  text: string;
  /** district → crime type → count, counted as the rows are written. */
  expected: Map<string, Map<string, number>>;
  rows: number;
  withoutLsoa: number;
  unknownLsoa: number;
  outside: number;
}

const lsoasByDistrict = ((): Map<string, string[]> => {
  const map = new Map<string, string[]>();
  for (const line of readFileSync(join(SEEDS, 'lsoa-lad19.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [lsoa, lad] = line.split(',');
    map.set(lad, [...(map.get(lad) ?? []), lsoa]);
  }
  return map;
})();

function generate(month: string, rows: number, seed: number): Generated {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const expected = new Map<string, Map<string, number>>();
  const lines = [HEADER];
  let withoutLsoa = 0;
  let unknownLsoa = 0;
  let outside = 0;
  for (let i = 0; i < rows; i++) {
    const type = pick(CRIME_TYPES);
    const roll = next();
    let lsoa = '';
    let district: string | null = null;
    if (roll < 0.02) {
      withoutLsoa++;
    } else if (roll < 0.03) {
      lsoa = 'E01099999';
      unknownLsoa++;
    } else {
      district = roll < 0.05 ? NORTH_YORKSHIRE_DISTRICT : pick(WEST_YORKSHIRE);
      if (district === NORTH_YORKSHIRE_DISTRICT) outside++;
      lsoa = pick(lsoasByDistrict.get(district)!);
      const byType = expected.get(district) ?? new Map<string, number>();
      byType.set(type, (byType.get(type) ?? 0) + 1);
      expected.set(district, byType);
    }
    // Some locations carry a quoted comma, as real police.uk files do.
    const location = i % 7 === 0 ? '"On or near Park Road, Leeds"' : 'On or near Main Street';
    const id = type === ASB ? '' : `id${i}`;
    lines.push(`${id},${month},West Yorkshire Police,West Yorkshire Police,-1.5,53.8,${location},${lsoa},Somewhere 001A,${type},,`);
  }
  return { text: lines.join('\n') + '\n', expected, rows, withoutLsoa, unknownLsoa, outside };
}

async function writeZip(file: string, entries: Array<[string, string]>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of entries) zip.addBuffer(Buffer.from(text, 'utf8'), name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject);
  });
}

async function monthlyCounts(dataSource: DataSource, month: string): Promise<Map<string, Map<string, number>>> {
  const rows = await dataSource.getRepository(Observation).findBy({ periodKey: `${month}/${month}` });
  const result = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (!row.indicatorId.startsWith('police-uk/')) continue;
    const byIndicator = result.get(row.areaCode) ?? new Map<string, number>();
    byIndicator.set(row.indicatorId, row.value!);
    result.set(row.areaCode, byIndicator);
  }
  return result;
}

async function ledgerSnapshot(dataSource: DataSource): Promise<string> {
  const counts = await dataSource.getRepository(PoliceUkCount).find({ order: { force: 'ASC', month: 'ASC', areaCode: 'ASC', crimeType: 'ASC' } });
  const files = await dataSource.getRepository(PoliceUkFile).find({ order: { force: 'ASC', month: 'ASC' } });
  const observations = await dataSource.getRepository(Observation).find({ order: { indicatorId: 'ASC', areaCode: 'ASC', periodKey: 'ASC' } });
  return JSON.stringify([counts, files, observations.map(({ internalId: _id, ...rest }) => rest)]);
}

describe('importPoliceUk on files made here', () => {
  let db: OpenTestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'police-uk-'));
  const january = generate('2023-01', 3000, 1);
  const february = generate('2023-02', 2500, 2);

  before(async () => {
    db = await openTestDatabase({ seed: true });
  });
  after(() => db.close());

  test('an unpacked folder: counts by district, month and crime type equal the rows written', async () => {
    mkdirSync(join(dir, 'folder', '2023-01'), { recursive: true });
    writeFileSync(join(dir, 'folder', '2023-01', '2023-01-west-yorkshire-street.csv'), january.text);
    writeFileSync(join(dir, 'folder', 'README.txt'), 'not a street file');
    const summary = await importPoliceUk(db.dataSource, [join(dir, 'folder')], { progress: false });
    assert.deepEqual([summary.files, summary.months, summary.rows], [1, 1, january.rows]);
    assert.deepEqual([summary.withoutLsoa, summary.unknownLsoa, summary.outsideForce], [january.withoutLsoa, january.unknownLsoa, january.outside]);
    assert.equal(summary.unmapped, january.withoutLsoa + january.unknownLsoa);
    assert.equal(summary.skipped.length, 1);
    assert.match(summary.warnings[0], /LSOAs missing from the lookup \(e\.g\. E01099999\) were not counted/);
    assert.match(formatPoliceUkSummary(summary), /1 files, 1 months, 3,000 rows.*\n.*not placed in a district: \d+/);

    const stored = await monthlyCounts(db.dataSource, '2023-01');
    for (const district of WEST_YORKSHIRE) {
      const expected = january.expected.get(district)!;
      for (const type of CRIME_TYPES) {
        assert.equal(stored.get(district)?.get(countIndicatorId(type)), expected.get(type) ?? 0, `${district} ${type}`);
      }
      const allCrime = [...expected].filter(([type]) => type !== ASB).reduce((sum, [, n]) => sum + n, 0);
      assert.equal(stored.get(district)?.get(countIndicatorId(ALL_CRIME)), allCrime, `${district} all crime`);
    }
    // Craven's own force (North Yorkshire) has no file for the month: the rows are in the ledger, but Craven has no value yet.
    assert.equal(stored.get(NORTH_YORKSHIRE_DISTRICT), undefined);
    const ledger = await db.dataSource.getRepository(PoliceUkCount).findBy({ areaCode: NORTH_YORKSHIRE_DISTRICT });
    assert.equal(ledger.reduce((sum, row) => sum + row.count, 0), january.outside);
  });

  test('importing the same month again changes nothing', async () => {
    const before = await ledgerSnapshot(db.dataSource);
    const file = join(dir, '2023-01-west-yorkshire-street.csv');
    writeFileSync(file, january.text);
    await importPoliceUk(db.dataSource, [file], { progress: false });
    assert.equal(await ledgerSnapshot(db.dataSource), before);
  });

  test('a zip download: every month inside is read', async () => {
    const zip = join(dir, 'download.zip');
    await writeZip(zip, [['2023-01/2023-01-west-yorkshire-street.csv', january.text], ['2023-02/2023-02-west-yorkshire-street.csv', february.text]]);
    const summary = await importPoliceUk(db.dataSource, [zip], { progress: false });
    assert.deepEqual([summary.files, summary.months, summary.rows], [2, 2, january.rows + february.rows]);
    const stored = await monthlyCounts(db.dataSource, '2023-02');
    for (const district of WEST_YORKSHIRE) {
      for (const type of CRIME_TYPES) {
        assert.equal(stored.get(district)?.get(countIndicatorId(type)), february.expected.get(district)!.get(type) ?? 0);
      }
    }
  });

  test('a truncated zip is rejected by name, and nothing from it is written', async () => {
    const before = await ledgerSnapshot(db.dataSource);
    const zip = join(dir, 'truncated.zip');
    const bytes = readFileSync(join(dir, 'download.zip'));
    writeFileSync(zip, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await assert.rejects(importPoliceUk(db.dataSource, [zip], { progress: false }), (error: unknown) => {
      assert.ok(error instanceof ImportError);
      assert.match(error.message, /truncated\.zip: cannot read the zip archive .*is it truncated or not a zip\?/);
      return true;
    });
    assert.equal(await ledgerSnapshot(db.dataSource), before);
  });

  test('a broken row is rejected with file and line, and nothing from that file is written', async () => {
    const before = await ledgerSnapshot(db.dataSource);
    const lines = generate('2023-03', 500, 3).text.split('\n');
    lines[321] = lines[321].split(',').slice(0, 8).join(',');
    const file = join(dir, '2023-03-west-yorkshire-street.csv');
    writeFileSync(file, lines.join('\n'));
    await assert.rejects(importPoliceUk(db.dataSource, [file], { progress: false }),
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:322: expected 12 fields as in the header, found 8`));
    const unclosed = join(dir, '2023-04-west-yorkshire-street.csv');
    writeFileSync(unclosed, `${HEADER}\n,2023-04,A,B,1,2,"On or near, Somewhere,E01011264,X,Burglary,,\n`);
    await assert.rejects(importPoliceUk(db.dataSource, [unclosed], { progress: false }), /:2: a quoted field is never closed; is the file truncated\?/);
    assert.equal(await ledgerSnapshot(db.dataSource), before);
  });

  test('files before a broken one are written before its error is thrown; it and those after it are not', async () => {
    // The next file is read while one is written: the write must still finish, and nothing after the error start.
    const good = generate('2023-08', 300, 9);
    const goodFile = join(dir, '2023-08-west-yorkshire-street.csv');
    writeFileSync(goodFile, good.text);
    const broken = join(dir, '2023-09-west-yorkshire-street.csv');
    writeFileSync(broken, generate('2023-10', 10, 10).text);
    const later = join(dir, '2023-11-west-yorkshire-street.csv');
    writeFileSync(later, generate('2023-11', 10, 11).text);
    await assert.rejects(importPoliceUk(db.dataSource, [goodFile, broken, later], { progress: false }), /2023-09-west-yorkshire-street\.csv:2: Month is "2023-10" in a file for 2023-09/);
    const stored = await monthlyCounts(db.dataSource, '2023-08');
    for (const district of WEST_YORKSHIRE) {
      assert.equal(stored.get(district)?.get(countIndicatorId(ALL_CRIME)), [...good.expected.get(district)!].filter(([type]) => type !== ASB).reduce((sum, [, n]) => sum + n, 0));
    }
    const files = await db.dataSource.getRepository(PoliceUkFile).findBy({ force: 'west-yorkshire' });
    assert.deepEqual(files.map((f) => f.month).filter((m) => m >= '2023-08').sort(), ['2023-08']);
  });

  test('a file whose rows are for another month, or an unknown force, is rejected', async () => {
    const wrongMonth = join(dir, '2023-05-west-yorkshire-street.csv');
    writeFileSync(wrongMonth, generate('2023-06', 10, 4).text);
    await assert.rejects(importPoliceUk(db.dataSource, [wrongMonth], { progress: false }), /:2: Month is "2023-06" in a file for 2023-05/);
    const unknownForce = join(dir, '2023-05-atlantis-street.csv');
    writeFileSync(unknownForce, generate('2023-05', 10, 5).text);
    await assert.rejects(importPoliceUk(db.dataSource, [unknownForce], { progress: false }), /"atlantis" is not a police force this project knows/);
  });

  test('a crime type that a re-import no longer has loses its count; a BTP file is skipped with a warning', async () => {
    const month = '2023-07';
    const rows = generate(month, 200, 7).text.trimEnd().split('\n');
    const withFraud = [...rows, ...Array.from({ length: 5 }, (_, i) => `f${i},${month},West Yorkshire Police,West Yorkshire Police,-1.5,53.8,On or near X,${lsoasByDistrict.get('E08000035')![0]},Leeds 001A,Fraud,,`)];
    const file = join(dir, `${month}-west-yorkshire-street.csv`);
    writeFileSync(file, withFraud.join('\n') + '\n');
    await importPoliceUk(db.dataSource, [file], { progress: false });
    const fraud = async () => (await db.dataSource.getRepository(Observation).findBy({ indicatorId: 'police-uk/fraud/count', areaCode: 'E08000035', periodKey: `${month}/${month}` }))[0]?.value;
    assert.equal(await fraud(), 5);
    writeFileSync(file, rows.join('\n') + '\n');
    await importPoliceUk(db.dataSource, [file], { progress: false });
    assert.equal(await fraud(), undefined, 'the type is gone from the month, so is its count');

    const btp = join(dir, `${month}-btp-street.csv`);
    writeFileSync(btp, generate(month, 20, 8).text);
    const summary = await importPoliceUk(db.dataSource, [btp, file], { progress: false });
    assert.equal(summary.files, 1);
    assert.match(summary.warnings.join('\n'), /btp-street\.csv: skipped, British Transport Police has no police force area/);
  });
});
