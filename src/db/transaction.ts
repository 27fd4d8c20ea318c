/**
 * Write transactions.
 *
 * SQLite: one at a time. TypeORM's SQLite driver has one connection and one query runner for
 * every caller, so two transactions at once share them: the second's BEGIN becomes a savepoint
 * inside the first, and one's COMMIT or ROLLBACK ends the other's ("cannot commit - no
 * transaction is active": a 500, with a write half made). So each waits for the one before.
 *
 * PostgreSQL: each transaction has its own connection from the pool and they run side by side.
 * A write that reads before it writes (is this cell published? what did it hold before, for the
 * audit trail?) asks for `serializable`: PostgreSQL then aborts one of two transactions whose
 * reads and writes cross (40001), or that insert the same natural key (23505), and the work is
 * run again from the start, seeing what the other committed. Two partners writing one new cell
 * both land, one after the other; a value written while its dashboard is being published is
 * published with it or refused, never left waiting.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';

/** The last transaction queued on each SQLite data source; the next one starts when it has ended, however it ended. */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export interface TransactionOptions {
  /** Run SERIALIZABLE on PostgreSQL, and again when it aborts the transaction for a conflict. */
  readonly serializable?: boolean;
}

/** For a write that reads before it writes: serializable, and run again on a conflict. */
export const SERIALIZABLE: TransactionOptions = { serializable: true };

/** How long a conflicting transaction keeps being run again before its error is let through. */
export const RETRY_BUDGET_MS = 10_000;

/** Marks a serializable transaction's query runner (QueryRunner.data): its conflicts are expected, and run again. */
export const CONFLICTS_EXPECTED = 'conflictsExpected';

/** PostgreSQL's codes for a transaction that lost to a concurrent one: serialization failure, deadlock, unique violation. */
const CONFLICTS = new Set(['40001', '40P01', '23505']);

/** Whether an error is PostgreSQL aborting a transaction for a concurrent one (which may be run again). */
export function isConflict(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } } | null)?.driverError?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONFLICTS.has(code);
}

export async function transaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  if (dataSource.options.type === 'sqlite') {
    const previous = queues.get(dataSource) ?? Promise.resolve();
    const next = previous.then(() => dataSource.transaction(work));
    queues.set(dataSource, next.catch(() => undefined));
    return next;
  }
  if (!options.serializable) return dataSource.transaction(work);
  // Every write raises the one data-version row, so writers at the same moment always conflict:
  // each is run again until it lands, within a budget of time rather than of attempts.
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction('SERIALIZABLE', (manager) => {
        if (manager.queryRunner) manager.queryRunner.data = { ...manager.queryRunner.data, [CONFLICTS_EXPECTED]: true };
        return work(manager);
      });
    } catch (error) {
      if (!isConflict(error) || Date.now() - started > RETRY_BUDGET_MS) throw error;
      // Apart, so that the same ones do not meet again at once: a few milliseconds, growing to 200.
      await sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
    }
  }
}
