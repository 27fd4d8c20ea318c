/** Loads the data shipped in seeds/ into an empty database: areas, populations, indicators and the 2014/15 dashboard. */
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Dashboard } from '../entities';
import { readAreas, readPopulations, writeAreas } from '../import/areas.importer';
import { DashboardImportReport, readDashboardFile, writeDashboard } from '../import/dashboard.importer';
import { readIndicatorCatalogue } from '../import/indicator-catalogue';

export const SEEDS_DIR = join(__dirname, '..', '..', '..', 'seeds');
/** The 2014/15 dashboard's area: the table does not name it; it is Leicestershire County Council's. */
export const SEED_DASHBOARD_AREA = 'E10000018';
export const SEED_DASHBOARD_FILE = 'safer-communities-dashboard-2014-15-q2.txt';

export async function isSeeded(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(Dashboard).count()) > 0;
}

/** Everything or nothing: one transaction. */
export async function seedDatabase(dataSource: DataSource, seedsDir = SEEDS_DIR): Promise<DashboardImportReport> {
  const areas = readAreas(join(seedsDir, 'areas.csv'));
  const populations = readPopulations(join(seedsDir, 'populations.csv'));
  const catalogue = readIndicatorCatalogue(join(seedsDir, 'indicator-catalogue.csv'));
  const table = readDashboardFile(join(seedsDir, SEED_DASHBOARD_FILE));
  return dataSource.transaction(async (manager) => {
    await writeAreas(manager, areas, populations);
    return writeDashboard(manager, table, { catalogue, areaCode: SEED_DASHBOARD_AREA });
  });
}
