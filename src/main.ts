/** `npm start`: opens (and on first run creates and seeds) the database, then serves GraphQL. */
import 'reflect-metadata';
import { loadConfig } from './config';
import { openDatabase, parseDatabaseUrl } from './db/data-source';
import { isSeeded, seedDatabase } from './db/seed';
import { formatDashboardReport } from './import/dashboard.importer';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = parseDatabaseUrl(config.databaseUrl);
  console.log(`Database: ${database.kind}${database.kind === 'sqlite' ? ` at ${database.location}` : ''}`);
  const dataSource = await openDatabase(config.databaseUrl);
  if (!(await isSeeded(dataSource))) {
    console.log('Empty database: loading seeds/ ...');
    console.log(formatDashboardReport(await seedDatabase(dataSource)));
  }
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
