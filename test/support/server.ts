/**
 * A running server on a fresh test database, as most end-to-end tests want one: the database
 * opened (and seeded) by openTestDatabase, the server started on it with the default
 * configuration on a free port, API keys made if asked for, and one stop() that stops the server
 * and then drops the database. A test that needs more (a second server on the same database,
 * say) starts it on `db.dataSource` and stops it before calling stop().
 *
 *   let server: RunningServer;
 *   let stop: () => Promise<void>;
 *   before(async () => {
 *     ({ server, stop } = await serveTestDatabase({ policeUk: true, env: { PUBLIC_READ: 'off' } }));
 *   });
 *   after(() => stop?.());
 */
import { Config, loadConfig } from '../../src/config';
import { RunningServer, startServer } from '../../src/server';
import { createKey, NewKey } from '../../src/services/keys';
import { openTestDatabase, OpenTestDatabase, TestDatabaseOptions } from './database';

export interface TestServerOptions<K extends string = never> extends TestDatabaseOptions {
  /**
   * The environment loadConfig reads, as a deployment would set it: `{ PUBLIC_READ: 'off' }`.
   * Never this process's own: without it every setting is its default.
   */
  env?: NodeJS.ProcessEnv;
  /** Settings over what `env` gave, e.g. `{ responseCache: false }`. The port is a free one unless set here. */
  config?: Partial<Config>;
  /** Runs on the opened database before the server starts: data the server should find there. */
  prepare?: (db: OpenTestDatabase) => Promise<unknown>;
  /** API keys to make once the server is up, each by a label of the test's choosing. */
  keys?: Record<K, NewKey>;
}

export interface ServedTestDatabase<K extends string = never> {
  readonly db: OpenTestDatabase;
  readonly server: RunningServer;
  /** The GraphQL endpoint, `http://localhost:PORT/graphql`: the server's url. */
  readonly url: string;
  /** `http://localhost:PORT`: for /health, the web view, and a browser's page. */
  readonly origin: string;
  /** The bearer token of each key in `options.keys`, by its label. */
  readonly tokens: Record<K, string>;
  /**
   * Stops the server (letting in-flight requests finish), then closes and drops the database, even
   * if stopping failed. A plain function, so it may be taken out of the object; calling it again does no harm.
   */
  readonly stop: () => Promise<void>;
}

/** If anything fails on the way up, what was already up is taken down again before the error is thrown. */
export async function serveTestDatabase<K extends string = never>(options: TestServerOptions<K> = {}): Promise<ServedTestDatabase<K>> {
  const db = await openTestDatabase(options);
  let server: RunningServer | undefined;
  const stop = async (): Promise<void> => {
    try {
      await server?.stop();
    } finally {
      await db.close();
    }
  };
  try {
    await options.prepare?.(db);
    server = await startServer({ ...loadConfig(options.env ?? {}), port: 0, ...options.config }, db.dataSource);
    const tokens = {} as Record<K, string>;
    for (const [label, key] of Object.entries(options.keys ?? {}) as Array<[K, NewKey]>) tokens[label] = (await createKey(db.dataSource, key)).token;
    return { db, server, url: server.url, origin: new URL(server.url).origin, tokens, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
