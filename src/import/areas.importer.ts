/**
 * Areas and their populations from the seed CSVs (`seeds/areas.csv`, `seeds/populations.csv`),
 * themselves derived from ONS lookups by scripts/build-seeds.ts.
 */
import { DataSource, EntityManager } from 'typeorm';
import { bumpDataVersion } from '../db/data-version';
import { Area, AreaGroup, AreaGroupMember, AreaLink, AreaPopulation, AreaType } from '../entities';
import { CsvRow, readCsvTable } from './csv-table';
import { ChangeCounts, emptyCounts, upsertRows } from './upsert';

export interface AreasReport {
  areas: ChangeCounts;
  links: ChangeCounts;
  populations: ChangeCounts;
}

const GSS_CODE = /^[EWSNK]\d{8}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const HIERARCHIES = ['COMMUNITY_SAFETY'] as const;

export function readAreas(file: string): Area[] {
  const table = readCsvTable(file, ['code', 'name', 'type'], ['parent_code', 'valid_from', 'valid_to', 'comparator_group_id']);
  const month = (row: CsvRow, column: string): string | null => {
    const value = table.optional(row, column);
    if (value !== null && !MONTH.test(value)) table.fail(row, column, `"${value}" is not a month as YYYY-MM`);
    return value;
  };
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
      validFrom: month(row, 'valid_from'),
      validTo: month(row, 'valid_to'),
      comparatorGroupId: table.optional(row, 'comparator_group_id'),
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

export function readAreaLinks(file: string): AreaLink[] {
  const table = readCsvTable(file, ['area_code', 'hierarchy', 'parent_code']);
  const seen = new Set<string>();
  return table.rows.map((row) => {
    const areaCode = table.required(row, 'area_code');
    const hierarchy = table.oneOf(row, 'hierarchy', HIERARCHIES);
    if (seen.has(`${areaCode}/${hierarchy}`)) table.fail(row, 'area_code', `${areaCode} has a second ${hierarchy} parent`);
    seen.add(`${areaCode}/${hierarchy}`);
    return Object.assign(new AreaLink(), { areaCode, hierarchy, parentCode: table.required(row, 'parent_code') });
  });
}

export interface AreaGroupsInput {
  groups: AreaGroup[];
  members: AreaGroupMember[];
}

/** `group, area_code` and optionally `group_name, valid_from, valid_to, description`: one member a row. */
export function readAreaGroups(file: string): AreaGroupsInput {
  const table = readCsvTable(file, ['group', 'area_code'], ['group_name', 'valid_from', 'valid_to', 'description']);
  const groups = new Map<string, AreaGroup>();
  const members: AreaGroupMember[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const id = table.required(row, 'group');
    if (!/^[a-z0-9]+(?:[-/][a-z0-9]+)*$/.test(id)) table.fail(row, 'group', `"${id}" is not a slug of lower-case words joined by -, e.g. my-peer-group`);
    const group = groups.get(id) ?? Object.assign(new AreaGroup(), { id, name: id, description: null });
    group.name = table.optional(row, 'group_name') ?? group.name;
    group.description = table.optional(row, 'description') ?? group.description;
    groups.set(id, group);
    const areaCode = table.required(row, 'area_code');
    if (!GSS_CODE.test(areaCode)) table.fail(row, 'area_code', `"${areaCode}" is not an ONS GSS code such as E10000018`);
    const key = `${id}/${areaCode}`;
    if (seen.has(key)) table.fail(row, 'area_code', `${areaCode} is already a member of ${id} (line ${seen.get(key)})`);
    seen.set(key, row.line);
    const validFrom = table.optional(row, 'valid_from');
    const validTo = table.optional(row, 'valid_to');
    for (const [column, value] of [['valid_from', validFrom], ['valid_to', validTo]] as const) {
      if (value !== null && !MONTH.test(value)) table.fail(row, column, `"${value}" is not a month as YYYY-MM`);
    }
    if (validFrom && validTo && validFrom > validTo) table.fail(row, 'valid_to', `${validTo} is before valid_from ${validFrom}`);
    members.push(Object.assign(new AreaGroupMember(), { groupId: id, areaCode, position: members.filter((m) => m.groupId === id).length + 1, validFrom, validTo }));
  }
  return { groups: [...groups.values()], members };
}

/** Replaces the members of each group in the input (a group's file is its whole membership). */
export async function writeAreaGroups(manager: EntityManager, input: AreaGroupsInput): Promise<{ groups: ChangeCounts; members: ChangeCounts }> {
  await bumpDataVersion(manager);
  const known = new Set((await manager.find(Area, { select: { code: true } })).map((a) => a.code));
  const unknown = input.members.find((member) => !known.has(member.areaCode));
  if (unknown) throw new Error(`group ${unknown.groupId} names ${unknown.areaCode}, which is not a known area`);
  const groups = await upsertRows(manager, AreaGroup, input.groups);
  const members = emptyCounts();
  for (const group of input.groups) {
    const wanted = new Set(input.members.filter((m) => m.groupId === group.id).map((m) => m.areaCode));
    for (const existing of await manager.findBy(AreaGroupMember, { groupId: group.id })) {
      if (!wanted.has(existing.areaCode)) {
        await manager.delete(AreaGroupMember, { groupId: group.id, areaCode: existing.areaCode });
        members.removed++;
      }
    }
  }
  await upsertRows(manager, AreaGroupMember, input.members, members);
  return { groups, members };
}

export async function writeAreas(manager: EntityManager, areas: Area[], populations: AreaPopulation[], links: AreaLink[] = []): Promise<AreasReport> {
  await bumpDataVersion(manager);
  const known = new Set([...areas.map((area) => area.code), ...(await manager.find(Area, { select: { code: true } })).map((a) => a.code)]);
  for (const link of links) {
    if (!known.has(link.areaCode) || !known.has(link.parentCode)) {
      throw new Error(`the ${link.hierarchy} link ${link.areaCode} → ${link.parentCode} names an area that is not known`);
    }
  }
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
    links: await upsertRows(manager, AreaLink, links, emptyCounts()),
    populations: await upsertRows(manager, AreaPopulation, populations, emptyCounts()),
  };
}

export async function importAreas(dataSource: DataSource, areasFile: string, populationsFile: string): Promise<AreasReport> {
  const areas = readAreas(areasFile);
  const populations = readPopulations(populationsFile);
  return dataSource.transaction((manager) => writeAreas(manager, areas, populations));
}
