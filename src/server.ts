/**
 * The one place that wires the server: database, schema, Apollo Server on Express, /health,
 * query complexity limit, the caches (reference data per process, whole responses unless
 * RESPONSE_CACHE=off), both keyed by the data version each request reads, and graceful shutdown.
 */
import 'reflect-metadata';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { DataSource } from 'typeorm';
import { Config } from './config';
import { Context, createContext } from './context';
import { DataVersionSource, readDataVersion } from './db/data-version';
import { ResponseCache, RequestWithCache } from './response-cache';
import { ReferenceDataCache } from './services/reference-data';
import { getSchema } from './schema';
import { complexityLimitPlugin } from './complexity';
import { formatError, rejectNulCharactersPlugin } from './input-guards';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting requests, lets in-flight ones finish, then closes. The database is the caller's. */
  stop(): Promise<void>;
}

export async function startServer(config: Config, dataSource: DataSource): Promise<RunningServer> {
  const schema = await getSchema();
  const app = express();
  const httpServer = http.createServer(app);
  const versions = new DataVersionSource(() => readDataVersion(dataSource));
  const references = new ReferenceDataCache(dataSource);
  const responses = config.responseCache ? new ResponseCache() : null;
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: !config.production,
    formatError,
    plugins: [
      // Cache hints are not used (the response cache keys on the data version); Apollo's default
      // cache-control plugin would wrap every field resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }), rejectNulCharactersPlugin(), complexityLimitPlugin(schema, config.maxComplexity), ...(responses ? [responses.plugin()] : [])],
  });
  await apollo.start();

  app.get('/health', async (_request, response) => {
    const started = Date.now();
    try {
      await dataSource.query('SELECT 1');
      response.json({ status: 'ok', database: { type: dataSource.options.type, status: 'up', latencyMs: Date.now() - started } });
    } catch (error) {
      response.status(503).json({
        status: 'error',
        database: { type: dataSource.options.type, status: 'down', error: config.production ? 'unavailable' : (error as Error).message },
      });
    }
  });
  const keepRawBody = (request: http.IncomingMessage, _response: http.ServerResponse, raw: Buffer): void => {
    (request as RequestWithCache).rawBody = raw;
  };
  app.use(
    '/graphql',
    express.json({ limit: '1mb', ...(responses ? { verify: keepRawBody } : {}) }),
    ...(responses ? [responses.lookup(() => versions.read())] : []),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const request = req as RequestWithCache;
        const version = request.dataVersion ?? await versions.read();
        return { ...createContext(dataSource, config, await references.get(version)), cacheSlot: request.cacheSlot };
      },
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    stop: () => apollo.stop(),
  };
}
