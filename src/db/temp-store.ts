/**
 * SQLite's statement journals in memory for the length of a bulk write. Inside a transaction,
 * every statement that changes many rows (a multi-row INSERT, a DELETE) first copies each page
 * it touches into a statement journal, so that it alone can be undone if it fails half-way. By
 * default that journal is a temporary file; in memory it costs a few hundred kilobytes instead of
 * a write per page, about a sixth of a police.uk import's database time.
 *
 * Nothing durable changes: the rollback journal or WAL, and how it is synced, are untouched; the
 * statement journal only ever lives as long as one statement. Changing temp_store drops the
 * connection's TEMP tables, of which this project has none. PostgreSQL: nothing to do.
 */
import { DataSource } from 'typeorm';

export async function withStatementJournalsInMemory<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'sqlite') return work();
  const [{ temp_store: previous }] = await dataSource.query('PRAGMA temp_store') as Array<{ temp_store: number }>;
  if (previous === 2) return work();
  await dataSource.query('PRAGMA temp_store = MEMORY');
  try {
    return await work();
  } finally {
    await dataSource.query(`PRAGMA temp_store = ${Number(previous)}`);
  }
}
