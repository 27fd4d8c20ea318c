/**
 * Regenerates the derived files in seeds/ from the raw public data in ../shared/data
 * (`npm run seeds:build`). What it writes is committed, so users never need ../shared.
 *  - seeds/areas.csv: England, East Midlands, Leicestershire and its seven districts, from the
 *    ONS ward → district → county → region → country lookup (2019).
 *  - seeds/populations.csv: ONS mid-year estimates of those districts (2014 and 2015 rounded to
 *    100, 2019, 2020, 2022). County totals are not stored: they are the sum of the districts.
 *  - seeds/safer-communities-dashboard-2014-15-q2.txt: the dashboard table, byte for byte.
 */
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvTable } from '../src/import/csv-table';

const ROOT = join(__dirname, '..', '..');
const SHARED = process.env.SHARED_DATA ?? join(ROOT, '..', 'shared', 'data');
const SEEDS = join(ROOT, 'seeds');
const COUNTY = 'E10000018';

function csvLine(fields: Array<string | number | null>): string {
  return fields.map((field) => {
    const text = field === null ? '' : String(field);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(',');
}

function main(): void {
  if (!existsSync(SHARED)) throw new Error(`the raw data folder ${SHARED} is missing; set SHARED_DATA to it`);
  const wards = readCsvTable(join(SHARED, 'geography', 'ward19-lad19-county19-region19-country19.csv'), ['lad19cd', 'lad19nm', 'cty19cd', 'cty19nm', 'rgn19cd', 'rgn19nm', 'ctry19cd', 'ctry19nm']);
  const areas = new Map<string, [string, string, string, string | null]>();
  for (const row of wards.rows.filter((r) => r.fields.cty19cd === COUNTY)) {
    const f = row.fields;
    areas.set(f.ctry19cd, [f.ctry19cd, f.ctry19nm, 'COUNTRY', null]);
    areas.set(f.rgn19cd, [f.rgn19cd, f.rgn19nm, 'REGION', f.ctry19cd]);
    areas.set(f.cty19cd, [f.cty19cd, f.cty19nm, 'COUNTY', f.rgn19cd]);
    areas.set(f.lad19cd, [f.lad19cd, f.lad19nm, 'DISTRICT', f.cty19cd]);
  }
  if (areas.size !== 10) throw new Error(`expected 10 areas (country, region, county, 7 districts), found ${areas.size}`);
  const order = ['COUNTRY', 'REGION', 'COUNTY', 'DISTRICT'];
  const sorted = [...areas.values()].sort((a, b) => order.indexOf(a[2]) - order.indexOf(b[2]) || a[0].localeCompare(b[0]));
  writeFileSync(join(SEEDS, 'areas.csv'), ['code,name,type,parent_code', ...sorted.map(csvLine)].join('\n') + '\n');

  const districts = new Set(sorted.filter((a) => a[2] === 'DISTRICT').map((a) => a[0]));
  const populations: Array<[string, number, number, string]> = [];
  const rounded = readCsvTable(join(SHARED, 'population', 'leicestershire-districts-mid2014-mid2015-rounded.csv'), ['area_code', 'mye_2014', 'mye_2015']);
  for (const row of rounded.rows.filter((r) => districts.has(r.fields.area_code))) {
    for (const year of [2014, 2015]) {
      populations.push([row.fields.area_code, year, Number(row.fields[`mye_${year}`]), 'ONS mid-year estimate, rounded to 100 (North West Leicestershire District Council, Demographics Profile, Table 1)']);
    }
  }
  for (const [year, file] of [[2019, 'lad-population-mid2019.csv'], [2020, 'lad-population-mid2020-england.csv'], [2022, 'lad-population-mid2022.csv']] as const) {
    const table = readCsvTable(join(SHARED, 'population', file), ['area_code', 'population']);
    for (const row of table.rows.filter((r) => districts.has(r.fields.area_code))) {
      populations.push([row.fields.area_code, year, Number(row.fields.population), `ONS mid-${year} population estimate (${file})`]);
    }
  }
  populations.sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
  writeFileSync(join(SEEDS, 'populations.csv'), ['area_code,year,population,source', ...populations.map(csvLine)].join('\n') + '\n');

  copyFileSync(join(SHARED, 'dashboard', 'safer-communities-dashboard-2014-15-q2.txt'), join(SEEDS, 'safer-communities-dashboard-2014-15-q2.txt'));
  console.log(`seeds/: ${sorted.length} areas, ${populations.length} populations, the 2014/15 Q2 dashboard`);
}

main();
