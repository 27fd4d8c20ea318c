/** `npm run import:police-uk -- <zip|folder|csv ...>`: police.uk street-level files into DATABASE_URL. */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { isSeeded, seedGeography } from '../db/seed';
import { formatPoliceUkSummary, importPoliceUk } from '../import/police-uk/police-uk.importer';

async function main(): Promise<void> {
  const inputs = process.argv.slice(2);
  if (inputs.length === 0) throw new Error('usage: npm run import:police-uk -- <police.uk zip | folder | YYYY-MM-<force>-street.csv> ...');
  const dataSource = await openDatabase(loadConfig().databaseUrl);
  try {
    if (!(await isSeeded(dataSource))) await seedGeography(dataSource);
    console.log(formatPoliceUkSummary(await importPoliceUk(dataSource, inputs)));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`Import failed; files before the one named were imported, nothing from it was written: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
