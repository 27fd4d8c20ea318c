/**
 * `npm run import:csv -- <file>`: imports a partner's tidy CSV (one value a row:
 * indicator, area_code, period, value, and optionally numerator, denominator, note and
 * confidence limits) into DATABASE_URL in one transaction, and prints what it created,
 * updated and left unchanged, with warnings. Any problem in the file: nothing is written.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { formatTidyCsvReport, importTidyCsvTable, readTidyCsvTable, TIDY_CSV_OPTIONAL_COLUMNS, TIDY_CSV_REQUIRED_COLUMNS } from '../import/tidy-csv.importer';
import { openDatabaseForImport } from './open-for-import';

const USAGE = `usage: npm run import:csv -- <csv file>
  columns (header required, any order, any case): ${TIDY_CSV_REQUIRED_COLUMNS.join(', ')}
  optional: ${TIDY_CSV_OPTIONAL_COLUMNS.join(', ')}`;

async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new Error(USAGE);
  // Read the file before opening the database: a file that is not CSV fails fast.
  const table = readTidyCsvTable(positionals[0]);
  const dataSource = await openDatabaseForImport();
  try {
    console.log(formatTidyCsvReport(await importTidyCsvTable(dataSource, table)));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`Import failed, nothing was written: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
