/** `npm run import:police-uk -- <zip|folder|csv ...>`: police.uk street-level files into DATABASE_URL. */
import 'reflect-metadata';
import { formatPoliceUkSummary, importPoliceUk } from '../import/police-uk/police-uk.importer';
import { writePoliceUkDashboard } from '../import/police-uk/police-uk.dashboard';
import { openDatabaseForImport } from './open-for-import';

async function main(): Promise<void> {
  const inputs = process.argv.slice(2);
  if (inputs.length === 0) throw new Error('usage: npm run import:police-uk -- <police.uk zip | folder | YYYY-MM-<force>-street.csv> ...');
  // The importer places rows with the geography, which an empty database gets first (npm start adds the rest).
  const dataSource = await openDatabaseForImport();
  try {
    console.log(formatPoliceUkSummary(await importPoliceUk(dataSource, inputs)));
    // The police.uk dashboard shows the latest 12 months loaded: rebuild it on the new months.
    const latest = await dataSource.transaction((manager) => writePoliceUkDashboard(manager));
    if (latest) console.log(`Dashboard "Crime in Leicestershire (police.uk)": latest period ${latest.label}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`Import failed; files before the one named were imported, nothing from it was written: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
