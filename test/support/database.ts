/**
 * A fresh database per test file: a temporary SQLite file, or (TEST_DATABASE_URL=postgres://...)
 * a new database on that server, dropped afterwards. Tests never share state.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, Logger } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';
import { seedDatabase } from '../../src/db/seed';

import { Client } from 'pg';

export interface TestDatabase {
  readonly url: string;
  readonly kind: 'sqlite' | 'postgres';
  dispose(): Promise<void>;
}

export function testDatabaseKind(): 'sqlite' | 'postgres' {
  return /^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? '') ? 'postgres' : 'sqlite';
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (testDatabaseKind() === 'postgres' && serverUrl) {
    const name = `test_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      kind: 'postgres',
      async dispose() {
        const client = new Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'sc-test-'));
  return {
    url: `sqlite:${join(dir, 'test.sqlite')}`,
    kind: 'sqlite',
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OpenTestDatabase {
  readonly database: TestDatabase;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/** What a test database holds, and what watches it. */
export interface TestDatabaseOptions {
  /** The seed data: the dashboard, the areas and the indicator catalogue. @default true */
  seed?: boolean;
  /** police.uk counts are loaded only when asked for: most tests need just the dashboard and areas. @default false */
  policeUk?: boolean;
  /** Sees every statement the data source runs (a CountingLogger, say). */
  logger?: Logger;
}

/** A migrated (and, by default, seeded) database with an open data source. */
export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<OpenTestDatabase> {
  const database = await createTestDatabase();
  const dataSource = await openDatabase(database.url, options.logger);
  if (options.seed ?? true) await seedDatabase(dataSource, { policeUk: options.policeUk ?? false });
  return {
    database,
    dataSource,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.dispose();
    },
  };
}

/** Counts the SQL statements a data source runs. */
export class CountingLogger implements Logger {
  statements: string[] = [];
  logQuery(query: string): void {
    if (!/^(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE)/i.test(query.trim())) this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
  reset(): void {
    this.statements = [];
  }
}
