import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { dirname, resolve } from 'node:path';
import { AdvancedConsoleLogger, DataSource, DataSourceOptions, Logger, QueryRunner } from 'typeorm';
import { ENTITIES } from '../entities';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';
import { CONFLICTS_EXPECTED, isConflict } from './transaction';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface ParsedDatabaseUrl {
  kind: DatabaseKind;
  /** File path for SQLite (or :memory:), the URL itself for PostgreSQL. */
  location: string;
}

/** `sqlite:<path>`, `sqlite::memory:`, `postgres://...` or `postgresql://...`. */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new Error('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:data/dashboard.sqlite');
    return { kind: 'sqlite', location: path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', location: url };
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.replace(/\/\/[^@]*@/, '//…@')}")`);
}

/**
 * The sqlite3 driver as it is. TypeORM calls the driver's verbose(), which wraps every statement to
 * capture a stack trace and print its arguments (a third of a cheap query's time); TypeORM's own
 * errors already name the failing statement, so the wrapper is left out.
 */
const QUIET_SQLITE3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3 });

/**
 * TypeORM's console logger of failed statements, less one kind: a serializable transaction
 * PostgreSQL aborted because a concurrent one won (src/db/transaction.ts runs it again; elsewhere,
 * a unique violation is a fault and is logged). That is how serializable
 * writes work, not a fault; were the retries to run out, the error reaches the caller and is
 * logged there.
 */
class ErrorLogger extends AdvancedConsoleLogger {
  // Declared a string, but the drivers pass the error itself, with its code.
  override logQueryError(error: string, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    if (!(isConflict(error) && queryRunner?.data?.[CONFLICTS_EXPECTED])) super.logQueryError(error, query, parameters, queryRunner);
  }
}

export function dataSourceOptions(url: string, logger?: Logger): DataSourceOptions {
  const parsed = parseDatabaseUrl(url);
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    logger: logger ?? new ErrorLogger(['error']),
    logging: logger ? (['query', 'error'] as const) : (['error'] as const),
  };
  if (parsed.kind === 'sqlite') {
    const database = parsed.location === ':memory:' ? ':memory:' : resolve(parsed.location);
    if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
    return { ...common, logging: [...common.logging], type: 'sqlite', driver: QUIET_SQLITE3, database, migrations: SQLITE_MIGRATIONS, enableWAL: database !== ':memory:', busyErrorRetry: 200 };
  }
  return { ...common, logging: [...common.logging], type: 'postgres', url: parsed.location, migrations: POSTGRES_MIGRATIONS, extra: { max: 10 } };
}

export function createDataSource(url: string, logger?: Logger): DataSource {
  return new DataSource(dataSourceOptions(url, logger));
}

/** Opens the database and brings its schema up to date with the migrations. */
export async function openDatabase(url: string, logger?: Logger): Promise<DataSource> {
  const dataSource = createDataSource(url, logger);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
