/**
 * The police.uk ledger as compact CSVs in seeds/police-uk/, so a clean clone has real counts
 * without the raw downloads: `counts.csv` (force, month, district, crime type, count) and
 * `files.csv` (what each imported file held). Loading them rebuilds the same observations as
 * importing the raw files.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { bumpDataVersion } from '../../db/data-version';
import { Indicator, PoliceUkCount, PoliceUkFile } from '../../entities';
import { csvLine, readCsvTable } from '../csv-table';
import { chunks, upsertRows } from '../upsert';
import { allPoliceUkIndicators } from './crime-types';
import { loadForceGeography, recomputeMonthlyCounts } from './police-uk.importer';

export async function dumpPoliceUkLedger(dataSource: DataSource, folder: string): Promise<void> {
  const counts = await dataSource.getRepository(PoliceUkCount).find({ order: { force: 'ASC', month: 'ASC', areaCode: 'ASC', crimeType: 'ASC' } });
  writeFileSync(join(folder, 'counts.csv'), ['force,month,area_code,crime_type,count', ...counts.map((c) => csvLine([c.force, c.month, c.areaCode, c.crimeType, c.count]))].join('\n') + '\n');
  const files = await dataSource.getRepository(PoliceUkFile).find({ order: { force: 'ASC', month: 'ASC' } });
  writeFileSync(join(folder, 'files.csv'), ['force,month,force_area_code,file,rows,mapped,without_lsoa,unknown_lsoa,outside_force',
    ...files.map((f) => csvLine([f.force, f.month, f.forceAreaCode, f.file, f.rows, f.mapped, f.withoutLsoa, f.unknownLsoa, f.outsideForce]))].join('\n') + '\n');
}

export async function loadPoliceUkLedger(dataSource: DataSource, folder: string): Promise<{ counts: number; files: number }> {
  const filesTable = readCsvTable(join(folder, 'files.csv'), ['force', 'month', 'force_area_code', 'file', 'rows', 'mapped', 'without_lsoa', 'unknown_lsoa', 'outside_force']);
  const files = filesTable.rows.map((row) => Object.assign(new PoliceUkFile(), {
    force: filesTable.required(row, 'force'),
    month: filesTable.required(row, 'month'),
    forceAreaCode: filesTable.required(row, 'force_area_code'),
    file: filesTable.required(row, 'file'),
    rows: filesTable.integer(row, 'rows', 0),
    mapped: filesTable.integer(row, 'mapped', 0),
    withoutLsoa: filesTable.integer(row, 'without_lsoa', 0),
    unknownLsoa: filesTable.integer(row, 'unknown_lsoa', 0),
    outsideForce: filesTable.integer(row, 'outside_force', 0),
  }));
  // Only the force-months the database lacks: a month a user imported themselves is theirs. On an
  // ordinary start there are none, and the counts file (a megabyte) is not read at all.
  const present = new Set((await dataSource.getRepository(PoliceUkFile).find({ select: { force: true, month: true } })).map((f) => `${f.force}|${f.month}`));
  const newFiles = files.filter((f) => !present.has(`${f.force}|${f.month}`));
  if (newFiles.length === 0) return { counts: 0, files: 0 };
  const countsTable = readCsvTable(join(folder, 'counts.csv'), ['force', 'month', 'area_code', 'crime_type', 'count']);
  const counts = countsTable.rows.map((row) => Object.assign(new PoliceUkCount(), {
    force: countsTable.required(row, 'force'),
    month: countsTable.required(row, 'month'),
    areaCode: countsTable.required(row, 'area_code'),
    crimeType: countsTable.required(row, 'crime_type'),
    count: countsTable.integer(row, 'count', 0),
  }));
  return dataSource.transaction(async (manager) => {
    await bumpDataVersion(manager);
    await upsertRows(manager, Indicator, allPoliceUkIndicators());
    const geography = await loadForceGeography(manager);
    const wanted = new Set(newFiles.map((f) => `${f.force}|${f.month}`));
    const newCounts = counts.filter((c) => wanted.has(`${c.force}|${c.month}`));
    for (const chunk of chunks(newCounts)) await manager.insert(PoliceUkCount, chunk);
    for (const chunk of chunks(newFiles)) await manager.insert(PoliceUkFile, chunk);
    for (const month of [...new Set(newFiles.map((f) => f.month))].sort()) {
      // Every district with rows or a loaded force that month, since new rows can complete a district another force's file began.
      const districts = new Set((await manager.find(PoliceUkCount, { select: { areaCode: true }, where: { month } })).map((c) => c.areaCode));
      for (const file of await manager.findBy(PoliceUkFile, { month })) {
        for (const district of geography.forceDistricts.get(file.forceAreaCode) ?? []) districts.add(district);
      }
      await recomputeMonthlyCounts(manager, month, [...districts], geography);
    }
    return { counts: newCounts.length, files: newFiles.length };
  });
}
