/** `npm start`: opens (and on first run creates and seeds) the database, then serves GraphQL. */
import './production-default';
import 'reflect-metadata';
import { loadConfig } from './config';
import { openDatabase, parseDatabaseUrl } from './db/data-source';
import { seedWhatIsMissing } from './db/seed';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = parseDatabaseUrl(config.databaseUrl);
  console.log(`Database: ${database.kind}${database.kind === 'sqlite' ? ` at ${database.location}` : ''}`);
  const dataSource = await openDatabase(config.databaseUrl);
  const started = Date.now();
  const loaded = await seedWhatIsMissing(dataSource);
  if (loaded.length > 0) console.log(`Loaded from seeds/: ${loaded.join(', ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const server = await startServer(config, dataSource);
  console.log(`GraphQL: ${server.url}  (health: http://localhost:${server.port}/health)`);

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests, then stopping`);
    await server.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
