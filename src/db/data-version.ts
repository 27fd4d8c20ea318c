/**
 * The data version: one number in the database that every writer (imports, seeding, mutations)
 * increases in the same transaction as its write. Anything cached from the database is valid for
 * one version only; a process reads the version at the start of each request.
 */
import { DataSource, EntityManager } from 'typeorm';

/** The current version; 0 on a database where nothing was ever written. */
export async function readDataVersion(db: DataSource | EntityManager): Promise<number> {
  const rows: Array<{ version: number | string }> = await db.query('SELECT version FROM data_version WHERE id = 1');
  return rows.length === 0 ? 0 : Number(rows[0].version);
}

/**
 * Increases the version in the caller's transaction; every transaction that writes data calls it.
 * The writers in src/import (writeDashboard, writeAreas, ...) each call it once themselves, so
 * whoever opens the transaction cannot forget it; a transaction with two writers (the seed's)
 * increases it by two, which is harmless: the version is only ever compared for equality.
 */
export async function bumpDataVersion(manager: EntityManager): Promise<void> {
  await manager.query('UPDATE data_version SET version = version + 1 WHERE id = 1');
}
