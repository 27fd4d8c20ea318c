/**
 * The shipped police.uk values against an independent computation from the raw downloads in
 * ../shared: a different CSV reader (csv-parse on every line), the ONS lookup and population files
 * read directly, and the arithmetic written out here. Skips where ../shared is absent (a user clone).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execute, parse as parseQuery } from 'graphql';
import { parse } from 'csv-parse/sync';
import yauzl from 'yauzl';
import { loadConfig } from '../../src/config';
import { contextFor } from '../../src/context';
import { getSchema } from '../../src/schema';
import { openTestDatabase, OpenTestDatabase } from '../support/database';
import { SHARED } from '../support/paths';

const DATA = join(SHARED, 'data');
const ZIPS = ['police-uk-leicestershire-2019-12_2022-10.zip', 'police-uk-peer-forces-2021-03_2022-03.zip'].map((f) => join(DATA, 'police-uk', f));
const skip = ZIPS.every(existsSync) ? false : '../shared/data/police-uk is absent (a user clone): the raw downloads are needed for an independent count';

const LEICESTERSHIRE_DISTRICTS = ['E07000129', 'E07000130', 'E07000131', 'E07000132', 'E07000133', 'E07000134', 'E07000135'];
const CHARNWOOD = 'E07000130';

function readCsv(file: string): Array<Record<string, string>> {
  return parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
}

/** Every row of every street file in the zips for the months wanted, parsed in full. */
async function forEachRow(months: Set<string>, visit: (row: Record<string, string>) => void): Promise<void> {
  for (const zipFile of ZIPS) {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(zipFile, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z!))));
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        const month = entry.fileName.slice(0, 7);
        if (!entry.fileName.endsWith('-street.csv') || !months.has(month)) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(error);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            for (const row of parse(Buffer.concat(chunks).toString('utf8'), { columns: true }) as Array<Record<string, string>>) visit(row);
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', resolve);
      zip.on('error', reject);
      zip.readEntry();
    });
  }
}

describe('police.uk values against the raw downloads', { skip }, () => {
  let db: OpenTestDatabase;
  const lsoaToLad = new Map<string, string>();
  const population2020 = new Map<string, number>();
  /** month → district → crime type → rows. */
  const counts = new Map<string, Map<string, Map<string, number>>>();

  before(async () => {
    db = await openTestDatabase({ seed: true, policeUk: true });
    for (const row of readCsv(join(DATA, 'geography', 'lsoa11-ward19-lad19-england-wales.csv'))) lsoaToLad.set(row.LSOA11CD, row.LAD19CD);
    for (const row of readCsv(join(DATA, 'population', 'lad-population-mid2020-england.csv'))) population2020.set(row.area_code, Number(row.population));
    const months = new Set(['2021-04', '2021-05', '2021-06', '2021-07', '2021-08', '2021-09', '2021-10', '2021-11', '2021-12', '2022-01', '2022-02', '2022-03']);
    await forEachRow(months, (row) => {
      const lad = lsoaToLad.get(row['LSOA code']);
      if (!lad || !LEICESTERSHIRE_DISTRICTS.includes(lad)) return;
      const byLad = counts.get(row.Month) ?? new Map<string, Map<string, number>>();
      const byType = byLad.get(lad) ?? new Map<string, number>();
      byType.set(row['Crime type'], (byType.get(row['Crime type']) ?? 0) + 1);
      byLad.set(lad, byType);
      counts.set(row.Month, byLad);
    });
  });
  after(() => db?.close());

  async function query<T>(text: string): Promise<T> {
    const result = await execute({ schema: await getSchema(), document: parseQuery(text), contextValue: await contextFor(db.dataSource, loadConfig({})) });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    return result.data as T;
  }

  test('Leicestershire\'s all-crime rate per 1,000 for the 12 months to March 2022', async () => {
    let crimes = 0;
    for (const byLad of counts.values()) {
      for (const byType of byLad.values()) {
        for (const [type, n] of byType) if (type !== 'Anti-social behaviour') crimes += n;
      }
    }
    // The rule: the middle of Apr 2021–Mar 2022 is in 2021; mid-2021 is not loaded, so the nearer-earlier mid-2020.
    const population = LEICESTERSHIRE_DISTRICTS.reduce((sum, lad) => sum + population2020.get(lad)!, 0);
    const expected = (crimes / population) * 1000;
    const data = await query<{ indicator: { value: { value: number; numerator: number; denominator: number; lowerCI95: number; upperCI95: number } } }>(
      '{ indicator(id: "police-uk/all-crime/rate") { value(area: "E10000018", period: "12 months to Mar 2022") { value numerator denominator lowerCI95 upperCI95 } } }');
    const value = data.indicator.value;
    assert.equal(value.numerator, crimes);
    assert.equal(value.denominator, population);
    assert.ok(Math.abs(value.value - expected) < 1e-9, `${value.value} vs ${expected}`);
    assert.ok(value.lowerCI95 < value.value && value.value < value.upperCI95);
  });

  test('a district\'s quarterly count: Charnwood burglaries in Q3 2021-22', async () => {
    const expected = ['2021-10', '2021-11', '2021-12'].reduce((sum, month) => sum + (counts.get(month)?.get(CHARNWOOD)?.get('Burglary') ?? 0), 0);
    assert.ok(expected > 0);
    const data = await query<{ indicator: { value: { value: number } } }>(
      `{ indicator(id: "police-uk/burglary/count") { value(area: "${CHARNWOOD}", period: "Q3 2021-22") { value } } }`);
    assert.equal(data.indicator.value.value, expected);
  });

  test('every Leicestershire district\'s monthly count of every crime type', async () => {
    type Series = { indicators: { nodes: Array<{ id: string; name: string }> } };
    const types = (await query<Series>('{ indicators(first: 100, search: "police-uk/") { nodes { id name } } }')).indicators.nodes;
    assert.ok(types.length >= 30);
    for (const lad of LEICESTERSHIRE_DISTRICTS) {
      const data = await query<{ indicator: { series: Array<{ value: number; period: { key: string } }> } }>(
        `{ indicator(id: "police-uk/violence-and-sexual-offences/count") { series(area: "${lad}", from: "Apr 2021", to: "Mar 2022") { value period { key } } } }`);
      assert.equal(data.indicator.series.length, 12);
      for (const point of data.indicator.series) {
        assert.equal(point.value, counts.get(point.period.key.slice(0, 7))?.get(lad)?.get('Violence and sexual offences') ?? 0, `${lad} ${point.period.key}`);
      }
    }
  });
});
