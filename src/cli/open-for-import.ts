/**
 * How every import command opens DATABASE_URL: migrated (openDatabase), and with the reference data
 * from seeds/ that an import needs and the database lacks (ensureReferenceData), so an import works
 * on a brand-new database. What it loaded is said on stdout, before the import's own report.
 */
import { DataSource } from 'typeorm';
import { loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { ensureReferenceData } from '../db/seed';

/**
 * The reference data commits before the caller's import starts, in transactions of its own: a bad
 * file then writes nothing of its own, and the database keeps the reference data it was given.
 */
export async function openDatabaseForImport(): Promise<DataSource> {
  const dataSource = await openDatabase(loadConfig().databaseUrl);
  try {
    const loaded = await ensureReferenceData(dataSource);
    if (loaded.length > 0) console.log(`Loaded reference data from seeds/: ${loaded.join(', ')}`);
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
