/**
 * `npm run import:police-uk -- <zip|folder|csv ...>`: police.uk street-level files into the
 * ledger (counts by force, month, district and crime type) and the districts' monthly count
 * observations. One transaction per file: a file that fails writes nothing, and re-importing a
 * force's month replaces it.
 *
 * The rule for a district's monthly count: every row located in it (by LSOA), from every force's
 * file for that month, once the file of the district's own force for that month is loaded; until
 * then the district has no value for that month (missing, not zero). Counts for larger areas and
 * longer periods, and all rates, are derived from these on demand (src/services/derived-values.ts).
 */
import { basename, join } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { DataSource, EntityManager, In } from 'typeorm';
import { periodFromKey } from '../../analysis/periods';
import { bumpDataVersion } from '../../db/data-version';
import { SqlParameters } from '../../db/observations';
import { withStatementJournalsInMemory } from '../../db/temp-store';
import { Area, AreaLink, AreaType, Indicator, Period, PoliceUkFile } from '../../entities';
import { ImportError } from '../import-error';
import { readLsoaLookup } from '../lsoa-lookup';
import { chunks, insertRows, upsertRows } from '../upsert';
import { writeIndicators } from '../indicator-catalogue';
import { ALL_CRIME, ASB, allPoliceUkIndicators, countIndicatorId, CRIME_TYPES, policeUkIndicators } from './crime-types';
import { forceSlug } from './forces';
import { streetFiles } from './sources';
import { countStreetFile } from './street-csv.reader';

export interface PoliceUkSummary {
  files: number;
  months: number;
  rows: number;
  mapped: number;
  withoutLsoa: number;
  unknownLsoa: number;
  outsideForce: number;
  unmapped: number;
  districts: number;
  seconds: number;
  skipped: string[];
  warnings: string[];
}

export interface PoliceUkOptions {
  /** Show a progress bar (default: when stderr is a terminal). */
  progress?: boolean;
  /** The LSOA → district lookup file. */
  lookupFile?: string;
}

/** What the importer needs to know about the geography, read once per run. */
export interface ForceGeography {
  /** police.uk force slug → police force area code. */
  forceArea: Map<string, string>;
  /** district or unitary authority → police force area code. */
  districtForceArea: Map<string, string>;
  /** police force area code → its force's slug. */
  areaForce: Map<string, string>;
  /** police force area code → its districts and unitary authorities. */
  forceDistricts: Map<string, string[]>;
}

export async function loadForceGeography(manager: EntityManager): Promise<ForceGeography> {
  const forces = await manager.findBy(Area, { type: AreaType.POLICE_FORCE_AREA });
  const csps = new Map((await manager.findBy(Area, { type: AreaType.COMMUNITY_SAFETY_PARTNERSHIP })).map((csp) => [csp.code, csp.parentCode]));
  const links = await manager.findBy(AreaLink, { hierarchy: 'COMMUNITY_SAFETY' });
  const forceArea = new Map(forces.map((f) => [forceSlug(f.name), f.code]));
  const areaForce = new Map(forces.map((f) => [f.code, forceSlug(f.name)]));
  const districtForceArea = new Map<string, string>();
  const forceDistricts = new Map<string, string[]>();
  const forceCodes = new Set(forces.map((f) => f.code));
  for (const link of links) {
    // A district sits in a CSP, or (created after the 2017 CSP lookup) straight in its force area.
    const pfa = forceCodes.has(link.parentCode) ? link.parentCode : csps.get(link.parentCode);
    if (!pfa) continue;
    districtForceArea.set(link.areaCode, pfa);
    forceDistricts.set(pfa, [...(forceDistricts.get(pfa) ?? []), link.areaCode]);
  }
  return { forceArea, districtForceArea, areaForce, forceDistricts };
}

/** Forces police.uk ships that have no police force area here: their files are skipped with a warning. */
const NOT_TERRITORIAL: Record<string, string> = {
  btp: 'British Transport Police has no police force area (its crimes are on the railways of every force)',
  'northern-ireland': 'Northern Ireland is outside the England and Wales geography loaded here',
};

export const DEFAULT_LOOKUP = join(__dirname, '..', '..', '..', '..', 'seeds', 'lsoa-lad19.csv');

export async function importPoliceUk(dataSource: DataSource, inputs: readonly string[], options: PoliceUkOptions = {}): Promise<PoliceUkSummary> {
  const started = Date.now();
  return withStatementJournalsInMemory(dataSource, () => importFiles(dataSource, inputs, options, started));
}

async function importFiles(dataSource: DataSource, inputs: readonly string[], options: PoliceUkOptions, started: number): Promise<PoliceUkSummary> {
  const lookup = readLsoaLookup(options.lookupFile ?? DEFAULT_LOOKUP);
  const geography = await loadForceGeography(dataSource.manager);
  const knownDistricts = new Set((await dataSource.getRepository(Area).find({ select: { code: true }, where: { type: In([AreaType.DISTRICT, AreaType.UNITARY_AUTHORITY]) } })).map((a) => a.code));
  await dataSource.transaction((manager) => writeIndicators(manager, allPoliceUkIndicators()));

  const summary: PoliceUkSummary = {
    files: 0, months: 0, rows: 0, mapped: 0, withoutLsoa: 0, unknownLsoa: 0, outsideForce: 0, unmapped: 0, districts: 0, seconds: 0, skipped: [], warnings: [],
  };
  const months = new Set<string>();
  const districts = new Set<string>();
  const showProgress = options.progress ?? Boolean(process.stderr.isTTY);
  const bar = showProgress ? new SingleBar({ format: 'police.uk {bar} {value}/{total} files | {file}', hideCursor: true, stream: process.stderr }, Presets.shades_classic) : null;
  const files = [];
  // Listing first gives the progress bar its total; zip entries are only listed here, not read.
  for await (const file of streetFiles(inputs, summary.skipped)) files.push({ name: file.name, force: file.force, month: file.month });
  bar?.start(files.length, 0, { file: '' });
  // Each file is read while the previous one is written: reading is this thread's work, writing
  // mostly the database's (SQLite's own thread, or PostgreSQL), so the two overlap instead of taking turns.
  // The writes still run one at a time and in order, and nothing more is written after one fails:
  // the outcome is the same as reading and writing each file in turn.
  let writing: Promise<{ failed: unknown } | null> | null = null;
  const written = async (): Promise<void> => {
    const outcome = writing ? await writing : null;
    writing = null;
    if (outcome) throw outcome.failed;
  };
  try {
    let index = 0;
    for await (const file of streetFiles(inputs)) {
      bar?.update(index, { file: file.name.replace(/^.*[\\/!]/, '') });
      const forceAreaCode = geography.forceArea.get(file.force);
      if (!forceAreaCode && NOT_TERRITORIAL[file.force]) {
        await written();
        summary.warnings.push(`${file.name}: skipped, ${NOT_TERRITORIAL[file.force]}`);
        index++;
        continue;
      }
      if (!forceAreaCode) {
        throw new ImportError({ file: file.name }, `"${file.force}" is not a police force this project knows; expected one of ${[...geography.forceArea.keys()].sort().join(', ')}`);
      }
      const counts = await countStreetFile(await file.open(), file.name, file.month, lookup);
      let outsideForce = 0;
      for (const [district, byType] of counts.counts) {
        if (!knownDistricts.has(district)) throw new ImportError({ file: file.name }, `the LSOA lookup names ${district}, which is not a known district`);
        if (geography.districtForceArea.get(district) !== forceAreaCode) {
          for (const n of byType.values()) outsideForce += n;
        }
        districts.add(district);
      }
      const record = Object.assign(new PoliceUkFile(), {
        force: file.force, month: file.month, forceAreaCode, file: shippedName(file.name),
        rows: counts.rows, mapped: counts.mapped, withoutLsoa: counts.withoutLsoa, unknownLsoa: counts.unknownLsoa, outsideForce,
      });
      await written();
      // Settles with the error instead of rejecting, so a failure is held until the loop asks for it.
      writing = dataSource.transaction((manager) => writeForceMonth(manager, record, counts.counts, geography)).then(() => {
        if (counts.unknownLsoa > 0) {
          summary.warnings.push(`${file.name}: ${counts.unknownLsoa} rows with LSOAs missing from the lookup (e.g. ${counts.unknownLsoaExamples.join(', ')}) were not counted`);
        }
        summary.files++;
        summary.rows += counts.rows;
        summary.mapped += counts.mapped;
        summary.withoutLsoa += counts.withoutLsoa;
        summary.unknownLsoa += counts.unknownLsoa;
        summary.outsideForce += outsideForce;
        months.add(file.month);
        index++;
        return null;
      }, (failed: unknown) => ({ failed }));
    }
    await written();
    bar?.update(index, { file: 'done' });
  } catch (error) {
    // A file read after one whose write failed: the write's error comes first, as it would in turn.
    const earlier = writing ? await writing : null;
    throw earlier ? earlier.failed : error;
  } finally {
    bar?.stop();
  }
  summary.months = months.size;
  summary.districts = districts.size;
  summary.unmapped = summary.withoutLsoa + summary.unknownLsoa;
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/**
 * Replaces one force's month in the ledger, then recomputes the monthly counts of the districts it
 * touches. The ledger and observation rows go through plain SQL (src/import/upsert.ts insertRows):
 * TypeORM's statement building was most of an import's database time.
 */
export async function writeForceMonth(manager: EntityManager, file: PoliceUkFile, counts: Map<string, Map<string, number>>, geography: ForceGeography): Promise<void> {
  await bumpDataVersion(manager);
  const params = new SqlParameters(isPostgres(manager));
  const where = `"force" = ${params.list([file.force])} AND "month" = ${params.list([file.month])}`;
  const previous: Array<{ area_code: string }> = await manager.query(`SELECT "area_code" FROM "police_uk_count" WHERE ${where}`, params.values);
  await manager.query(`DELETE FROM "police_uk_count" WHERE ${where}`, params.values);
  const rows: unknown[][] = [];
  for (const [areaCode, byType] of counts) {
    for (const [crimeType, count] of byType) rows.push([file.force, file.month, areaCode, crimeType, count]);
  }
  await insertRows(manager, 'police_uk_count', ['force', 'month', 'area_code', 'crime_type', 'count'], rows);
  await upsertRows(manager, PoliceUkFile, [file]);
  const touched = new Set([...counts.keys(), ...previous.map((p) => p.area_code), ...(geography.forceDistricts.get(file.forceAreaCode) ?? [])]);
  await recomputeMonthlyCounts(manager, file.month, [...touched], geography);
}

function isPostgres(manager: EntityManager): boolean {
  return manager.connection.options.type === 'postgres';
}

/**
 * Rebuilds the monthly count observations of some districts for one month from the ledger: the
 * sum over forces for each crime type (zero where a type has no rows), and all crime excluding ASB.
 * A district whose own force has no file loaded for the month gets no value.
 */
export async function recomputeMonthlyCounts(manager: EntityManager, month: string, districtCodes: string[], geography: ForceGeography): Promise<void> {
  const postgres = isPostgres(manager);
  const period = periodFromKey(`${month}/${month}`);
  await upsertRows(manager, Period, [Period.fromInfo(period)]);
  const ledgerParams = new SqlParameters(postgres);
  const ledger: LedgerRow[] = districtCodes.length === 0 ? [] : await manager.query(
    `SELECT "force", "month", "area_code", "crime_type", "count" FROM "police_uk_count" WHERE "month" = ${ledgerParams.list([month])} AND "area_code" IN (${ledgerParams.list(districtCodes)})`,
    ledgerParams.values,
  );
  const loadedParams = new SqlParameters(postgres);
  const loaded = new Set((await manager.query(`SELECT "force" FROM "police_uk_file" WHERE "month" = ${loadedParams.list([month])}`, loadedParams.values) as Array<{ force: string }>).map((f) => f.force));
  const types = [...new Set([...CRIME_TYPES, ...ledger.map((row) => row.crime_type)])];
  const newTypes = types.filter((t) => !CRIME_TYPES.includes(t));
  if (newTypes.length > 0) await upsertRows(manager, Indicator, newTypes.flatMap((t) => policeUkIndicators(t)));
  // Every monthly count indicator, including types a previous import of the month had and this one has not.
  const storedIds = (await manager.query(`SELECT "id" FROM "indicator" WHERE "derivation" = 'SUM_OF_MONTHLY_COUNTS'`) as Array<{ id: string }>).map((i) => i.id);
  if (storedIds.length > 0) {
    for (const chunk of chunks(districtCodes)) {
      const params = new SqlParameters(postgres);
      await manager.query(
        `DELETE FROM "observation" WHERE "indicator_id" IN (${params.list(storedIds)}) AND "area_code" IN (${params.list(chunk)}) AND "period_key" = ${params.list([period.key])}`,
        params.values,
      );
    }
  }
  // The ledger by district, read once (not filtered again for each district and type).
  const byDistrict = new Map<string, { forces: Set<string>; counts: Map<string, number> }>();
  for (const row of ledger) {
    let entry = byDistrict.get(row.area_code);
    if (!entry) byDistrict.set(row.area_code, (entry = { forces: new Set(), counts: new Map() }));
    entry.forces.add(row.force);
    entry.counts.set(row.crime_type, (entry.counts.get(row.crime_type) ?? 0) + row.count);
  }
  const typeIds = types.map((type) => countIndicatorId(type));
  const allCrimeId = countIndicatorId(ALL_CRIME);
  // Columns left out (printed, denominator, the confidence limits, note) are null.
  const observations: unknown[][] = [];
  for (const district of districtCodes) {
    const pfa = geography.districtForceArea.get(district);
    const ownForce = pfa ? geography.areaForce.get(pfa) : undefined;
    if (!ownForce || !loaded.has(ownForce)) continue;
    const entry = byDistrict.get(district);
    const forces = entry ? [...entry.forces].sort() : [];
    const source = `police.uk street-level crime, ${month}: ${forces.length > 0 ? forces.join(', ') : ownForce} file${forces.length > 1 ? 's' : ''}, rows placed by LSOA`;
    let allCrime = 0;
    types.forEach((type, i) => {
      const count = entry?.counts.get(type) ?? 0;
      if (type !== ASB) allCrime += count;
      observations.push([typeIds[i], district, period.key, count, count, source]);
    });
    observations.push([allCrimeId, district, period.key, allCrime, allCrime, source]);
  }
  await insertRows(manager, 'observation', ['indicator_id', 'area_code', 'period_key', 'value', 'numerator', 'source'], observations);
}

/** A police_uk_count row as the driver returns it. */
interface LedgerRow {
  force: string;
  month: string;
  area_code: string;
  crime_type: string;
  count: number;
}

/** The file as police.uk ships it: `archive.zip!2021-03/2021-03-leicestershire-street.csv`, or the CSV's own name. */
function shippedName(name: string): string {
  const bang = name.indexOf('!');
  return bang >= 0 ? `${basename(name.slice(0, bang))}${name.slice(bang)}` : basename(name);
}

export function formatPoliceUkSummary(summary: PoliceUkSummary): string {
  const n = (value: number): string => value.toLocaleString('en-GB');
  const lines = [
    `police.uk import: ${n(summary.files)} files, ${n(summary.months)} months, ${n(summary.rows)} rows, ${n(summary.districts)} districts and unitary authorities`,
    `  not placed in a district: ${n(summary.unmapped)} (${n(summary.withoutLsoa)} without an LSOA, ${n(summary.unknownLsoa)} with an LSOA missing from the lookup)`,
    `  placed in another force's districts (counted there): ${n(summary.outsideForce)}`,
    `  ${summary.seconds.toFixed(1)} s, ${n(Math.round(summary.rows / Math.max(summary.seconds, 0.001)))} rows per second`,
  ];
  if (summary.skipped.length > 0) lines.push(`  skipped ${summary.skipped.length} files that are not street-level files, e.g. ${summary.skipped[0]}`);
  for (const warning of summary.warnings) lines.push(`  warning: ${warning}`);
  return lines.join('\n');
}
