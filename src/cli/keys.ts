/**
 * `npm run keys -- <command>`: API keys for partners (src/services/keys.ts).
 *
 *   create --name "Blaby District Council" --role EDITOR --areas E07000129
 *   list
 *   revoke <id or name>
 *
 * `create` prints the new key alone on its last line, so a script can take it with `tail -n 1`;
 * it is shown only then. Any mistake is said on stderr, with exit code 1, and writes nothing.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource, In } from 'typeorm';
import { loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { Area } from '../entities';
import { createKey, KeySummary, listKeys, revokeKey } from '../services/keys';
import { openDatabaseForImport } from './open-for-import';

const USAGE = `usage:
  npm run keys -- create --name <who holds it> --role VIEWER|EDITOR|ADMIN [--areas <ONS codes, comma-separated>]
  npm run keys -- list
  npm run keys -- revoke <key id or name>`;

class UsageError extends Error {}

/** `2026-12-01 10:32`, in UTC as stored. */
function minute(iso: string | null, otherwise: string): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : otherwise;
}

async function withDatabase<T>(open: () => Promise<DataSource>, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await open();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

const openPlain = (): Promise<DataSource> => openDatabase(loadConfig().databaseUrl);

async function create(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { name: { type: 'string' }, role: { type: 'string' }, areas: { type: 'string', multiple: true } }, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`create takes no ${positionals.join(' ')}; quote a name with spaces: --name "Blaby District Council"`);
  if (values.name === undefined || values.role === undefined) throw new UsageError('create needs --name and --role');
  const areas = (values.areas ?? []).flatMap((list) => list.split(','));
  // An EDITOR's areas are checked against the geography: a brand-new database gets it from seeds/ first.
  await withDatabase(openDatabaseForImport, async (dataSource) => {
    const { key, token } = await createKey(dataSource, { name: values.name!, role: values.role!, areas });
    const names = new Map((await dataSource.getRepository(Area).findBy({ code: In([...key.areas]) })).map((area) => [area.code, area.name]));
    const scope = key.role === 'ADMIN' ? 'writing everywhere' : key.role === 'EDITOR' ? 'writing within' : key.areas.length > 0 ? 'reading, with the areas' : 'reading';
    const listed = key.areas.map((code) => `${code} (${names.get(code) ?? code})`).join(', ');
    console.log(`Created ${key.role} key ${key.id} for ${key.name}, ${scope}${listed ? ` ${listed}` : ''}.`);
    console.log('Keep the key now: it is shown only this once, and only a hash of it is stored. Send it as Authorization: Bearer <key>.');
    console.log(token);
  });
}

function table(keys: readonly KeySummary[]): string {
  const rows = [['id', 'name', 'role', 'areas', 'created', 'last used', 'revoked'],
    ...keys.map((key) => [key.id, key.name, key.role, key.areas.join(',') || (key.role === 'ADMIN' ? 'everywhere' : '-'), minute(key.createdAt, ''), minute(key.lastUsedAt, 'never'), minute(key.revokedAt, '-')])];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

async function list(args: string[]): Promise<void> {
  if (args.length > 0) throw new UsageError(`list takes no arguments (got ${args.join(' ')})`);
  const keys = await withDatabase(openPlain, listKeys);
  if (keys.length === 0) {
    console.log('No API keys yet. Create one with: npm run keys -- create --name <who holds it> --role VIEWER|EDITOR|ADMIN [--areas <ONS codes>]');
    return;
  }
  console.log(table(keys));
  console.log('Times are UTC. Last used is recorded at most once a minute per server.');
}

async function revoke(args: string[]): Promise<void> {
  if (args.length !== 1) throw new UsageError('revoke takes one key id or name; quote a name with spaces');
  const { key, alreadyRevoked } = await withDatabase(openPlain, (dataSource) => revokeKey(dataSource, args[0]));
  if (alreadyRevoked) console.log(`Key ${key.id} (${key.name}) was already revoked on ${minute(key.revokedAt, '')} UTC; nothing changed.`);
  else console.log(`Revoked key ${key.id} (${key.name}): every server refuses it from its next request.`);
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = { create, list, revoke };

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const run = command === undefined ? undefined : COMMANDS[command];
  if (!run) throw new UsageError(command === undefined ? 'a command is needed' : `unknown command "${command}"`);
  try {
    await run(args);
  } catch (error) {
    // parseArgs says what it did not understand, e.g. Unknown option '--nmae'.
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) throw new UsageError(error.message);
    throw error;
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof UsageError ? `${message}\n${USAGE}` : `keys: ${message}`);
  process.exit(1);
});
