/**
 * A read straight through the driver, for the few statements every request runs (the data version,
 * values, monthly counts). TypeORM's DataSource.query wraps each in a query runner, an event
 * broadcast and result transforms that cost more than a small indexed read; this keeps only what
 * matters: the statement is still given to the data source's logger (so statement counts hold),
 * and SQLite's "busy" answer, possible while another process commits, is retried.
 */
import { DataSource } from 'typeorm';

interface SqliteConnection {
  all(sql: string, parameters: unknown[], callback: (error: Error | null, rows: unknown[]) => void): void;
}

interface PostgresPool {
  query(sql: string, parameters: unknown[]): Promise<{ rows: unknown[] }>;
}

const BUSY_RETRIES = 50;

export function rawQuery<T>(dataSource: DataSource, sql: string, parameters: unknown[] = []): Promise<T[]> {
  dataSource.logger.logQuery(sql, parameters);
  if (dataSource.options.type === 'postgres') {
    const pool = (dataSource.driver as unknown as { master: PostgresPool }).master;
    return pool.query(sql, parameters).then((result) => result.rows as T[]);
  }
  const connection = (dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  return new Promise<T[]>((resolve, reject) => {
    const attempt = (left: number): void => {
      connection.all(sql, parameters, (error, rows) => {
        if (!error) resolve(rows as T[]);
        else if (left > 0 && /SQLITE_BUSY/.test(String(error))) setTimeout(() => attempt(left - 1), 20);
        else {
          dataSource.logger.logQueryError(error, sql, parameters);
          reject(error);
        }
      });
    };
    attempt(BUSY_RETRIES);
  });
}
