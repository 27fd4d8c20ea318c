/**
 * Loads the data shipped in seeds/ into an empty database: the geography (areas, CSP links,
 * populations, the peer group), the indicator catalogue and the 2014/15 dashboard, and the
 * police.uk monthly district counts with the dashboard built on them. The geography and the
 * indicators are the reference data every import needs (ensureReferenceData).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Area, Dashboard, Indicator } from '../entities';
import { readAreaGroups, readAreaLinks, readAreas, readPopulations, writeAreaGroups, writeAreas } from '../import/areas.importer';
import { DashboardImportReport, readDashboardFile, writeDashboard } from '../import/dashboard.importer';
import { indicatorFromEntry, readIndicatorCatalogue, writeIndicators } from '../import/indicator-catalogue';
import { allPoliceUkIndicators } from '../import/police-uk/crime-types';
import { readRagRules, writeRagRules } from '../import/rag-rules.importer';
import { loadPoliceUkLedger } from '../import/police-uk/police-uk.seed';
import { POLICE_UK_DASHBOARD, writePoliceUkDashboard } from '../import/police-uk/police-uk.dashboard';

export const SEEDS_DIR = join(__dirname, '..', '..', '..', 'seeds');
/** The 2014/15 dashboard's area: the table does not name it; it is Leicestershire County Council's. */
export const SEED_DASHBOARD_AREA = 'E10000018';
export const SEED_DASHBOARD_FILE = 'safer-communities-dashboard-2014-15-q2.txt';

/** Whether the 2014/15 dashboard, the first thing seeded, is there. */
export async function isSeeded(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(Dashboard).countBy({ slug: SEED_DASHBOARD_SLUG })) > 0;
}

export const SEED_DASHBOARD_SLUG = 'safer-communities-2014-15-q2';

/**
 * What an import needs before it can check a single row, loaded from seeds/ where the database
 * lacks it: the geography (areas, CSP links, populations, groups) when there are no areas, and the
 * indicators of the catalogue and of police.uk that are not there yet (one that is there is left as
 * it is: a dashboard import with its own --catalogue may have changed it). No dashboard and no
 * police.uk counts. Each part is its own transaction and commits before the caller's import begins,
 * so an import that then fails still leaves the database with its reference data. Returns what it
 * loaded, e.g. ['geography', 'indicator catalogue']; nothing on a database that has it all.
 */
export async function ensureReferenceData(dataSource: DataSource, seedsDir = SEEDS_DIR): Promise<string[]> {
  const loaded: string[] = [];
  if ((await dataSource.getRepository(Area).count()) === 0) {
    await seedGeography(dataSource, seedsDir);
    loaded.push('geography');
  }
  const indicators = [...readIndicatorCatalogue(join(seedsDir, 'indicator-catalogue.csv')).entries.map(indicatorFromEntry), ...allPoliceUkIndicators()];
  const present = new Set((await dataSource.getRepository(Indicator).find({ select: { id: true } })).map((indicator) => indicator.id));
  const missing = indicators.filter((indicator) => !present.has(indicator.id));
  if (missing.length > 0) {
    await dataSource.transaction((manager) => writeIndicators(manager, missing));
    loaded.push('indicator catalogue');
  }
  return loaded;
}

/**
 * On start: loads what seeds/ has that the database lacks, part by part, so a database in which a
 * user imported something first (police.uk months, say) still gets the rest: the reference data
 * (ensureReferenceData), the 2014/15 dashboard when it is missing, and the police.uk force-months
 * not yet loaded (a month the user imported is kept). Returns what it loaded.
 */
export async function seedWhatIsMissing(dataSource: DataSource, seedsDir = SEEDS_DIR): Promise<string[]> {
  const loaded = await ensureReferenceData(dataSource, seedsDir);
  if (!(await isSeeded(dataSource))) {
    await seedDashboard(dataSource, seedsDir);
    loaded.push('the 2014/15 dashboard');
  }
  if (existsSync(join(seedsDir, 'police-uk', 'counts.csv'))) {
    const police = await loadPoliceUkLedger(dataSource, join(seedsDir, 'police-uk'));
    if (police.files > 0 || (await dataSource.getRepository(Dashboard).countBy({ slug: POLICE_UK_DASHBOARD })) === 0) {
      await dataSource.transaction((manager) => writePoliceUkDashboard(manager));
    }
    if (police.files > 0) loaded.push('police.uk counts');
  }
  return loaded;
}

/** The catalogue, the 2014/15 dashboard and the RAG rules, in one transaction. */
async function seedDashboard(dataSource: DataSource, seedsDir: string): Promise<DashboardImportReport> {
  const catalogue = readIndicatorCatalogue(join(seedsDir, 'indicator-catalogue.csv'));
  const table = readDashboardFile(join(seedsDir, SEED_DASHBOARD_FILE));
  const rules = readRagRules(join(seedsDir, 'rag-rules.csv'));
  return dataSource.transaction(async (manager) => {
    const written = await writeDashboard(manager, table, { catalogue, areaCode: SEED_DASHBOARD_AREA });
    await writeRagRules(manager, rules);
    return written;
  });
}

/** Areas, CSP links, populations and area groups, in one transaction. */
export async function seedGeography(dataSource: DataSource, seedsDir = SEEDS_DIR): Promise<void> {
  const areas = readAreas(join(seedsDir, 'areas.csv'));
  const links = readAreaLinks(join(seedsDir, 'area-links.csv'));
  const populations = readPopulations(join(seedsDir, 'populations.csv'));
  const groups = readAreaGroups(join(seedsDir, 'area-groups.csv'));
  await dataSource.transaction(async (manager) => {
    await writeAreas(manager, areas, populations, links);
    await writeAreaGroups(manager, groups);
  });
}

export interface SeedOptions {
  /** Load the police.uk counts and their dashboard too (default true). */
  policeUk?: boolean;
  seedsDir?: string;
}

/** Everything in seeds/. Each part is all-or-nothing; the whole is idempotent. */
export async function seedDatabase(dataSource: DataSource, options: SeedOptions = {}): Promise<DashboardImportReport> {
  const seedsDir = options.seedsDir ?? SEEDS_DIR;
  await seedGeography(dataSource, seedsDir);
  const report = await seedDashboard(dataSource, seedsDir);
  if ((options.policeUk ?? true) && existsSync(join(seedsDir, 'police-uk', 'counts.csv'))) {
    await loadPoliceUkLedger(dataSource, join(seedsDir, 'police-uk'));
    await dataSource.transaction((manager) => writePoliceUkDashboard(manager));
  }
  return report;
}
