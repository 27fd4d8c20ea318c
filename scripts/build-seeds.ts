/**
 * Regenerates the derived files in seeds/ from the raw public data in ../shared/data
 * (`npm run seeds:build`). What it writes is committed, so users never need ../shared.
 *
 *  - areas.csv: England and Wales, regions, counties, unitary authorities, districts (ONS
 *    ward → district → county → region → country lookup, 2019), Community Safety Partnerships and
 *    police force areas (ONS district → CSP → PFA lookup, 2017).
 *  - area-links.csv: each district or unitary authority in its CSP (the second hierarchy).
 *  - populations.csv: ONS mid-year estimates by district and unitary authority: 2019, 2020
 *    (England), 2022 (2023 codes, kept where the code is unchanged), and Leicestershire's
 *    districts in 2014 and 2015 (rounded to 100). Totals of larger areas are not stored: they are
 *    the sums of their districts, computed when asked.
 *  - lsoa-lad19.csv: LSOA (2011) → district or unitary authority (2019), for placing police.uk rows.
 *  - area-groups.csv: the police.uk peer group of two-tier counties.
 *  - safer-communities-dashboard-2014-15-q2.txt: the dashboard table, byte for byte.
 *  - police-uk/*.csv: monthly counts by district and crime type, made by importing the police.uk
 *    downloads with this project's own importer (`npm run import:police-uk`) into a scratch database.
 */
import 'reflect-metadata';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvLine, readCsvTable } from '../src/import/csv-table';
import { POPULATION_MERGED_INTO } from '../src/services/populations';
import { openDatabase } from '../src/db/data-source';
import { seedGeography } from '../src/db/seed';
import { importPoliceUk } from '../src/import/police-uk/police-uk.importer';
import { dumpPoliceUkLedger } from '../src/import/police-uk/police-uk.seed';

const ROOT = join(__dirname, '..', '..');
const SHARED = process.env.SHARED_DATA ?? join(ROOT, '..', 'shared', 'data');
/** Where to write: seeds/ itself, or (SEEDS_OUT) a folder to compare with it. */
const SEEDS = process.env.SEEDS_OUT ?? join(ROOT, 'seeds');

type AreaRow = [code: string, name: string, type: string, parent: string | null, validFrom: string | null, validTo: string | null, comparator: string | null];

function writeCsv(file: string, header: string, rows: ReadonlyArray<ReadonlyArray<string | number | null>>): void {
  writeFileSync(file, [header, ...rows.map(csvLine)].join('\n') + '\n');
}

/**
 * Areas of the 2019 lookups that were abolished later, with their last month: Buckinghamshire's
 * county and districts on 1 April 2020 (one unitary authority), Northamptonshire's on 1 April 2021
 * (two). Their successors are not modelled: the LSOA lookup still places rows in the old districts.
 */
const ABOLISHED: Record<string, string> = {
  E10000002: '2020-03', E07000004: '2020-03', E07000005: '2020-03', E07000006: '2020-03', E07000007: '2020-03',
  E10000021: '2021-03', E07000150: '2021-03', E07000151: '2021-03', E07000152: '2021-03', E07000153: '2021-03',
  E07000154: '2021-03', E07000155: '2021-03', E07000156: '2021-03',
};

export const PEER_GROUP = {
  id: 'police-uk-peer-counties',
  name: 'Two-tier counties in the shared police.uk downloads',
  description: 'The two-tier (county council) areas whose police forces are in the police.uk downloads this project ships: Leicestershire and nine neighbouring or similar shire counties. Chosen by data availability and geography, not by a statistical similarity model: it is not CIPFA nearest neighbours. Northamptonshire is a member only until March 2021, when its county council was abolished.',
  members: [
    ['E10000018', null, null], ['E10000007', null, null], ['E10000024', null, null], ['E10000028', null, null],
    ['E10000031', null, null], ['E10000019', null, null], ['E10000013', null, null], ['E10000003', null, null],
    ['E10000034', null, null], ['E10000021', null, '2021-03'],
  ] as Array<[string, string | null, string | null]>,
};

function buildGeography(): { areas: AreaRow[]; lads: Set<string> } {
  const wards = readCsvTable(join(SHARED, 'geography', 'ward19-lad19-county19-region19-country19.csv'), ['lad19cd', 'lad19nm', 'cty19cd', 'cty19nm', 'rgn19cd', 'rgn19nm', 'ctry19cd', 'ctry19nm']);
  const areas = new Map<string, AreaRow>();
  const add = (code: string, name: string, type: string, parent: string | null): void => {
    const validTo = ABOLISHED[code] ?? null;
    // Every member of the peer group is compared with it by default, not only Leicestershire.
    const comparator = PEER_GROUP.members.some(([member]) => member === code) ? PEER_GROUP.id : null;
    const existing = areas.get(code);
    if (existing && (existing[1] !== name || existing[2] !== type || existing[3] !== parent)) {
      throw new Error(`${code} appears as both ${existing.slice(1, 4).join('/')} and ${name}/${type}/${parent}`);
    }
    areas.set(code, [code, name, type, parent, null, validTo, comparator]);
  };
  for (const { fields: f } of wards.rows) {
    if (!/^[EW]92/.test(f.ctry19cd)) continue;
    add(f.ctry19cd, f.ctry19nm, 'COUNTRY', null);
    const regionOrCountry = f.rgn19cd && /^E12/.test(f.rgn19cd) ? f.rgn19cd : f.ctry19cd;
    if (regionOrCountry !== f.ctry19cd) add(f.rgn19cd, f.rgn19nm, 'REGION', f.ctry19cd);
    if (f.cty19cd && /^E10/.test(f.cty19cd)) {
      add(f.cty19cd, f.cty19nm, 'COUNTY', regionOrCountry);
      add(f.lad19cd, f.lad19nm, 'DISTRICT', f.cty19cd);
    } else {
      add(f.lad19cd, f.lad19nm, 'UNITARY_AUTHORITY', regionOrCountry);
    }
  }
  const lads = new Set([...areas.values()].filter((a) => a[2] === 'DISTRICT' || a[2] === 'UNITARY_AUTHORITY').map((a) => a[0]));
  const csp = readCsvTable(join(SHARED, 'geography', 'lad17-csp17-pfa17-england-wales.csv'), ['lad17cd', 'csp17cd', 'csp17nm', 'pfa17cd', 'pfa17nm']);
  for (const { fields: f } of csp.rows) {
    const country = f.pfa17cd.startsWith('W') ? 'W92000004' : 'E92000001';
    add(f.pfa17cd, f.pfa17nm, 'POLICE_FORCE_AREA', country);
    add(f.csp17cd, f.csp17nm, 'COMMUNITY_SAFETY_PARTNERSHIP', f.pfa17cd);
  }
  return { areas: [...areas.values()], lads };
}

/**
 * Districts created on 1 April 2019 (ONS, "Changes to local authority districts in England, April
 * 2019") are not in the 2017 CSP lookup; their predecessors are. A successor whose predecessors all
 * sat in one CSP is linked to that CSP; one whose predecessors sat in different CSPs is linked
 * straight to their police force area (no 2017 CSP contains it, so none is invented).
 */
export const SUCCESSORS_2019: Record<string, string[]> = {
  E06000058: ['E06000028', 'E06000029', 'E07000048'], // Bournemouth, Christchurch and Poole
  E06000059: ['E07000049', 'E07000050', 'E07000051', 'E07000052', 'E07000053'], // Dorset
  E07000244: ['E07000205', 'E07000206'], // East Suffolk
  E07000245: ['E07000201', 'E07000204'], // West Suffolk
  E07000246: ['E07000190', 'E07000191'], // Somerset West and Taunton
};

function buildLinks(lads: Set<string>): { links: Array<[string, string, string]>; viaForce: string[] } {
  const csp = readCsvTable(join(SHARED, 'geography', 'lad17-csp17-pfa17-england-wales.csv'), ['lad17cd', 'csp17cd', 'pfa17cd']);
  const links: Array<[string, string, string]> = [];
  const byLad17 = new Map(csp.rows.map(({ fields: f }) => [f.lad17cd, f]));
  for (const { fields: f } of csp.rows) {
    if (lads.has(f.lad17cd)) links.push([f.lad17cd, 'COMMUNITY_SAFETY', f.csp17cd]);
  }
  const viaForce: string[] = [];
  for (const [successor, predecessors] of Object.entries(SUCCESSORS_2019)) {
    if (!lads.has(successor)) continue;
    const rows = predecessors.map((code) => byLad17.get(code)!);
    const csps = new Set(rows.map((r) => r.csp17cd));
    const forces = new Set(rows.map((r) => r.pfa17cd));
    if (forces.size !== 1) throw new Error(`${successor}'s predecessors lie in ${forces.size} police force areas`);
    if (csps.size === 1) {
      links.push([successor, 'COMMUNITY_SAFETY', [...csps][0]]);
    } else {
      links.push([successor, 'COMMUNITY_SAFETY', [...forces][0]]);
      viaForce.push(successor);
    }
  }
  const unlinked = [...lads].filter((lad) => !links.some((l) => l[0] === lad));
  if (unlinked.length > 0) throw new Error(`districts with neither a CSP nor a police force area: ${unlinked.join(' ')}`);
  return { links: links.sort((a, b) => a[0].localeCompare(b[0])), viaForce };
}

function buildPopulations(lads: Set<string>): Array<[string, number, number, string]> {
  const populations: Array<[string, number, number, string]> = [];
  const rounded = readCsvTable(join(SHARED, 'population', 'leicestershire-districts-mid2014-mid2015-rounded.csv'), ['area_code', 'mye_2014', 'mye_2015']);
  for (const { fields: f } of rounded.rows.filter((r) => lads.has(r.fields.area_code))) {
    for (const year of [2014, 2015]) {
      populations.push([f.area_code, year, Number(f[`mye_${year}`]), 'ONS mid-year estimate, rounded to 100 (North West Leicestershire District Council, Demographics Profile, Table 1)']);
    }
  }
  for (const [year, file] of [[2019, 'lad-population-mid2019.csv'], [2020, 'lad-population-mid2020-england.csv'], [2022, 'lad-population-mid2022.csv']] as const) {
    const table = readCsvTable(join(SHARED, 'population', file), ['area_code', 'population']);
    for (const { fields: f } of table.rows.filter((r) => lads.has(r.fields.area_code))) {
      populations.push([f.area_code, year, Number(f.population), `ONS mid-${year} population estimate (${file})`]);
    }
  }
  // Say where a host's figure includes an authority the source has no separate estimate for.
  for (const [merged, { into, name, years }] of Object.entries(POPULATION_MERGED_INTO)) {
    for (const row of populations.filter((r) => r[0] === into && (years === 'all' || years.includes(r[1])))) {
      if (!populations.some((r) => r[0] === merged && r[1] === row[1])) row[3] += `; includes ${name} (${merged}), which the source does not give separately`;
    }
  }
  return populations.sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
}

function buildLsoaLookup(lads: Set<string>): Array<[string, string]> {
  const table = readCsvTable(join(SHARED, 'geography', 'lsoa11-ward19-lad19-england-wales.csv'), ['lsoa11cd', 'lad19cd']);
  const rows = table.rows.map((r): [string, string] => [r.fields.lsoa11cd, r.fields.lad19cd]);
  const missing = rows.filter(([, lad]) => !lads.has(lad));
  if (missing.length > 0) throw new Error(`${missing.length} LSOAs name districts missing from the area list, e.g. ${missing[0].join(' → ')}`);
  return rows.sort((a, b) => a[0].localeCompare(b[0]));
}

async function buildPoliceUk(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'seeds-'));
  try {
    const dataSource = await openDatabase(`sqlite:${join(scratch, 'scratch.sqlite')}`);
    try {
      await seedGeography(dataSource, SEEDS);
      const files = ['police-uk-leicestershire-2019-12_2022-10.zip', 'police-uk-peer-forces-2021-03_2022-03.zip'].map((f) => join(SHARED, 'police-uk', f));
      const summary = await importPoliceUk(dataSource, files, { progress: false, lookupFile: join(SEEDS, 'lsoa-lad19.csv') });
      console.log(`police.uk: ${summary.files} files, ${summary.rows} rows, ${summary.unmapped} not placed in a district`);
      mkdirSync(join(SEEDS, 'police-uk'), { recursive: true });
      await dumpPoliceUkLedger(dataSource, join(SEEDS, 'police-uk'));
    } finally {
      await dataSource.destroy();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(SHARED)) throw new Error(`the raw data folder ${SHARED} is missing; set SHARED_DATA to it`);
  const { areas, lads } = buildGeography();
  const order = ['COUNTRY', 'REGION', 'POLICE_FORCE_AREA', 'COUNTY', 'UNITARY_AUTHORITY', 'DISTRICT', 'COMMUNITY_SAFETY_PARTNERSHIP'];
  areas.sort((a, b) => order.indexOf(a[2]) - order.indexOf(b[2]) || a[0].localeCompare(b[0]));
  const { links, viaForce } = buildLinks(lads);
  // 2019: the merged districts' new areas begin; 2017 CSPs left with no district (theirs merged) end.
  const linkedParents = new Set(links.map((link) => link[2]));
  for (const area of areas) {
    if (SUCCESSORS_2019[area[0]]) area[4] = '2019-04';
    if (area[2] === 'COMMUNITY_SAFETY_PARTNERSHIP' && !linkedParents.has(area[0])) area[5] = '2019-03';
  }
  writeCsv(join(SEEDS, 'areas.csv'), 'code,name,type,parent_code,valid_from,valid_to,comparator_group_id', areas);
  writeCsv(join(SEEDS, 'area-links.csv'), 'area_code,hierarchy,parent_code', links);
  const populations = buildPopulations(lads);
  writeCsv(join(SEEDS, 'populations.csv'), 'area_code,year,population,source', populations);
  const lsoas = buildLsoaLookup(lads);
  writeCsv(join(SEEDS, 'lsoa-lad19.csv'), 'lsoa11cd,lad19cd', lsoas);
  writeCsv(join(SEEDS, 'area-groups.csv'), 'group,group_name,area_code,valid_from,valid_to,description',
    PEER_GROUP.members.map(([code, from, to], i) => [PEER_GROUP.id, PEER_GROUP.name, code, from, to, i === 0 ? PEER_GROUP.description : null]));
  copyFileSync(join(SHARED, 'dashboard', 'safer-communities-dashboard-2014-15-q2.txt'), join(SEEDS, 'safer-communities-dashboard-2014-15-q2.txt'));
  console.log(`seeds/: ${areas.length} areas, ${links.length} CSP links (${viaForce.length} linked straight to their force area: ${viaForce.join(' ')}), ${populations.length} populations, ${lsoas.length} LSOAs`);
  if (process.argv.includes('--skip-police-uk')) return;
  await buildPoliceUk();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
