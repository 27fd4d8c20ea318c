/** `npm run import:police-uk -- <zip|folder|csv ...>`: police.uk street-level files into DATABASE_URL. */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { seedGeography } from '../db/seed';
import { Area } from '../entities';
import { formatPoliceUkSummary, importPoliceUk } from '../import/police-uk/police-uk.importer';
import { writePoliceUkDashboard } from '../import/police-uk/police-uk.dashboard';

async function main(): Promise<void> {
  const inputs = process.argv.slice(2);
  if (inputs.length === 0) throw new Error('usage: npm run import:police-uk -- <police.uk zip | folder | YYYY-MM-<force>-street.csv> ...');
  const dataSource = await openDatabase(loadConfig().databaseUrl);
  try {
    // The importer places rows with the geography; an empty database gets it first (npm start adds the rest).
    if ((await dataSource.getRepository(Area).count()) === 0) await seedGeography(dataSource);
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
