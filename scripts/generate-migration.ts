/**
 * Writes a migration per database dialect for whatever the entities have that the existing
 * migrations do not create: `npm run migration:generate -- AddAreaLinks`.
 * SQLite is generated on a temporary file; PostgreSQL needs MIGRATION_POSTGRES_URL (a
 * scratch database this script may change), e.g. the one `npm test` starts.
 */
import 'reflect-metadata';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/data-source';

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'src', 'db', 'migrations');

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

async function generate(kind: 'sqlite' | 'postgres', url: string, name: string, timestamp: number): Promise<boolean> {
  const dataSource = await openDatabase(url);
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log(`${kind}: the migrations already match the entities; nothing written`);
      return false;
    }
    const className = `${name}${timestamp}`;
    const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
    const down = [...sql.downQueries].reverse().map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
    const file = join(MIGRATIONS_DIR, kind, `${timestamp}-${name}.ts`);
    writeFileSync(file, `import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated for ${kind} by scripts/generate-migration.ts from the entities. */
export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`);
    console.log(`${kind}: wrote ${file}`);
    return true;
  } finally {
    await dataSource.destroy();
  }
}

function writeIndex(): void {
  const lines: string[] = [];
  const lists: Record<string, string[]> = { sqlite: [], postgres: [] };
  for (const kind of ['sqlite', 'postgres'] as const) {
    for (const file of readdirSync(join(MIGRATIONS_DIR, kind)).filter((f) => /^\d+-\w+\.ts$/.test(f)).sort()) {
      const [timestamp, name] = file.replace(/\.ts$/, '').split('-');
      const alias = `${kind}${name}${timestamp}`;
      lines.push(`import { ${name}${timestamp} as ${alias} } from './${kind}/${file.replace(/\.ts$/, '')}';`);
      lists[kind].push(alias);
    }
  }
  writeFileSync(join(MIGRATIONS_DIR, 'index.ts'), `${lines.join('\n')}

/** The migrations of each database, oldest first. Generated per dialect by \`npm run migration:generate -- <Name>\`. */
export const SQLITE_MIGRATIONS: Function[] = [${lists.sqlite.join(', ')}];
export const POSTGRES_MIGRATIONS: Function[] = [${lists.postgres.join(', ')}];
`);
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error('usage: npm run migration:generate -- <Name> (PascalCase, e.g. AddAreaLinks)');
  }
  const postgresUrl = process.env.MIGRATION_POSTGRES_URL;
  if (!postgresUrl) throw new Error('MIGRATION_POSTGRES_URL must name a scratch PostgreSQL database for the postgres dialect');
  const timestamp = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'migration-'));
  try {
    await generate('sqlite', `sqlite:${join(dir, 'scratch.sqlite')}`, name, timestamp);
    await generate('postgres', postgresUrl, name, timestamp);
    writeIndex();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
