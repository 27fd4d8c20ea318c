/**
 * Write transactions, one at a time on SQLite. TypeORM's SQLite driver has one connection and one
 * query runner for every caller, so two transactions at once share them: the second's BEGIN becomes
 * a savepoint inside the first, and one's COMMIT or ROLLBACK ends the other's ("cannot commit - no
 * transaction is active": a 500, with a write half made). PostgreSQL gives each transaction its own
 * connection from the pool, and runs them side by side as before.
 */
import { DataSource, EntityManager } from 'typeorm';

/** The last transaction queued on each SQLite data source; the next one starts when it has ended, however it ended. */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export function transaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'sqlite') return dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const next = previous.then(() => dataSource.transaction(work));
  queues.set(dataSource, next.catch(() => undefined));
  return next;
}
