/**
 * Areas and their populations from the seed CSVs (`seeds/areas.csv`, `seeds/populations.csv`),
 * themselves derived from ONS lookups by scripts/build-seeds.ts.
 */
import { DataSource, EntityManager } from 'typeorm';
import { Area, AreaPopulation, AreaType } from '../entities';
import { readCsvTable } from './csv-table';
import { ChangeCounts, emptyCounts, upsertRows } from './upsert';

export interface AreasReport {
  areas: ChangeCounts;
  populations: ChangeCounts;
}

const GSS_CODE = /^[EWSNK]\d{8}$/;

export function readAreas(file: string): Area[] {
  const table = readCsvTable(file, ['code', 'name', 'type'], ['parent_code']);
  const seen = new Set<string>();
  const areas = table.rows.map((row) => {
    const code = table.required(row, 'code');
    if (!GSS_CODE.test(code)) table.fail(row, 'code', `"${code}" is not an ONS GSS code such as E10000018`);
    if (seen.has(code)) table.fail(row, 'code', `${code} is listed twice`);
    seen.add(code);
    const parentCode = table.optional(row, 'parent_code');
    if (parentCode !== null && !GSS_CODE.test(parentCode)) table.fail(row, 'parent_code', `"${parentCode}" is not an ONS GSS code`);
    return Object.assign(new Area(), {
      code,
      name: table.required(row, 'name'),
      type: table.oneOf(row, 'type', Object.values(AreaType)),
      parentCode,
    });
  });
  // Parents first, so foreign keys hold at every insert.
  const byCode = new Map(areas.map((area) => [area.code, area]));
  const ordered: Area[] = [];
  const placed = new Set<string>();
  const place = (area: Area, trail: string[]): void => {
    if (placed.has(area.code)) return;
    if (trail.includes(area.code)) throw new Error(`${file}: the parents of ${trail.join(' → ')} form a loop`);
    const parent = area.parentCode ? byCode.get(area.parentCode) : undefined;
    if (parent) place(parent, [...trail, area.code]);
    placed.add(area.code);
    ordered.push(area);
  };
  areas.forEach((area) => place(area, []));
  return ordered;
}

export function readPopulations(file: string): AreaPopulation[] {
  const table = readCsvTable(file, ['area_code', 'year', 'population'], ['source']);
  const seen = new Set<string>();
  return table.rows.map((row) => {
    const areaCode = table.required(row, 'area_code');
    const year = table.integer(row, 'year', 1800, 2200);
    if (seen.has(`${areaCode}/${year}`)) table.fail(row, 'year', `${areaCode} has a second population for ${year}`);
    seen.add(`${areaCode}/${year}`);
    return Object.assign(new AreaPopulation(), {
      areaCode,
      year,
      population: table.integer(row, 'population', 0, 2_000_000_000),
      source: table.optional(row, 'source'),
    });
  });
}

export async function writeAreas(manager: EntityManager, areas: Area[], populations: AreaPopulation[]): Promise<AreasReport> {
  const known = new Set([...areas.map((area) => area.code), ...(await manager.find(Area, { select: { code: true } })).map((a) => a.code)]);
  for (const area of areas) {
    if (area.parentCode && !known.has(area.parentCode)) {
      throw new Error(`area ${area.code} (${area.name}) names parent ${area.parentCode}, which is not a known area`);
    }
  }
  for (const population of populations) {
    if (!known.has(population.areaCode)) throw new Error(`a population is given for ${population.areaCode}, which is not a known area`);
  }
  return {
    areas: await upsertRows(manager, Area, areas, emptyCounts()),
    populations: await upsertRows(manager, AreaPopulation, populations, emptyCounts()),
  };
}

export async function importAreas(dataSource: DataSource, areasFile: string, populationsFile: string): Promise<AreasReport> {
  const areas = readAreas(areasFile);
  const populations = readPopulations(populationsFile);
  return dataSource.transaction((manager) => writeAreas(manager, areas, populations));
}
