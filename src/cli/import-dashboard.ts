/**
 * `npm run import -- <file> [--area E10000018] [--slug my-dashboard]`: imports a dashboard
 * table into DATABASE_URL in one transaction and prints what it created, updated and warned.
 * Any problem in the table: nothing of it is written.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { SEED_DASHBOARD_AREA, SEEDS_DIR } from '../db/seed';
import { formatDashboardReport, readDashboardFile, writeDashboard } from '../import/dashboard.importer';
import { readIndicatorCatalogue } from '../import/indicator-catalogue';
import { openDatabaseForImport } from './open-for-import';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      area: { type: 'string', default: SEED_DASHBOARD_AREA },
      slug: { type: 'string' },
      catalogue: { type: 'string', default: join(SEEDS_DIR, 'indicator-catalogue.csv') },
    },
  });
  if (positionals.length !== 1) {
    throw new Error('usage: npm run import -- <dashboard table file> [--area <ONS code, default E10000018>] [--slug <slug>] [--catalogue <csv>]');
  }
  // Read the table and the catalogue before opening the database: a damaged file fails fast.
  const table = readDashboardFile(positionals[0]);
  const catalogue = readIndicatorCatalogue(values.catalogue!);
  const dataSource = await openDatabaseForImport();
  try {
    const options = { catalogue, areaCode: values.area!, slug: values.slug };
    const report = await dataSource.transaction((manager) => writeDashboard(manager, table, options));
    console.log(formatDashboardReport(report));
    console.log(`Area: ${values.area}${values.area === SEED_DASHBOARD_AREA ? ' (the default; the table does not name its area, pass --area to change it)' : ''}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`Import failed, nothing was written: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
