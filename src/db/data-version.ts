/**
 * The data version: one number in the database that every writer (imports, seeding, mutations)
 * increases in the same transaction as its write. Anything cached from the database is valid for
 * one version only; a process reads the version at the start of each request.
 */
import { DataSource, EntityManager } from 'typeorm';
import { rawQuery } from './raw-query';

/** The current version; 0 on a database where nothing was ever written. */
export async function readDataVersion(db: DataSource | EntityManager): Promise<number> {
  const sql = 'SELECT version FROM data_version WHERE id = 1';
  // Read on every request: through the driver when outside a transaction (src/db/raw-query.ts).
  const rows: Array<{ version: number | string }> = db instanceof DataSource ? await rawQuery(db, sql) : await db.query(sql);
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

/**
 * Reads the version for requests, sharing reads between them without ever answering a request
 * with a version read before it arrived: a request that arrives while a read is in flight waits
 * for the next read, which starts when that one ends and serves every request that queued for it.
 */
export class DataVersionSource {
  private current: Promise<number> | null = null;
  private next: Promise<number> | null = null;

  constructor(private readonly readVersion: () => Promise<number>) {}

  read(): Promise<number> {
    if (!this.current) return this.start();
    if (!this.next) {
      this.next = this.current.then(noop, noop).then(() => {
        this.next = null;
        return this.start();
      });
    }
    return this.next;
  }

  private start(): Promise<number> {
    const read = this.readVersion();
    this.current = read;
    const clear = (): void => {
      if (this.current === read) this.current = null;
    };
    read.then(clear, clear);
    return read;
  }
}

function noop(): void {}
