/**
 * One benchmark target in a process of its own, so that the load generator and the server under
 * test each have a core of this 2-core machine, and a CPU profile (BENCH_CPU_PROF) shows the
 * server alone. Started by support/target.ts with the spec as its one argument; it says
 * `{ type: 'listening', url }` when ready, answers `{ type: 'statements' }` with the SQL
 * statements run since the last question, and on `{ type: 'stop' }` closes and exits (which is
 * when --cpu-prof writes its profile).
 *
 * - product: the product as `npm start` serves it (startServer, NODE_ENV=production unless set),
 *   on the benchmark's database, with the rate limit off (all the load comes from one address).
 * - bare-apollo: Apollo Server with schema/schema.graphql, each root field resolving to the
 *   product's captured answer as in-memory objects, default resolvers for everything else, on the
 *   same Express and @as-integrations/express5 set-up as the product.
 * - plain-http: node:http writing the product's captured response bytes.
 */
import 'reflect-metadata';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { startServer } from '../src/server';
import { StatementCounter } from './support/statement-counter';
import type { TargetSpec } from './support/target';

export const SCHEMA_FILE = join(__dirname, '..', '..', 'schema', 'schema.graphql');

interface Running {
  url: string;
  stop(): Promise<void>;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function product(spec: Extract<TargetSpec, { kind: 'product' }>, counter: StatementCounter): Promise<Running> {
  const dataSource = await openDatabase(spec.databaseUrl, counter);
  const server = await startServer({ ...loadConfig({ NODE_ENV: process.env.NODE_ENV, RATE_LIMIT_PER_MINUTE: 'off' }), databaseUrl: spec.databaseUrl, port: 0, responseCache: spec.responseCache }, dataSource);
  return {
    url: `http://127.0.0.1:${server.port}/graphql`,
    async stop() {
      await server.stop();
      await dataSource.destroy();
    },
  };
}

async function bareApollo(spec: Extract<TargetSpec, { kind: 'bare-apollo' }>): Promise<Running> {
  const { data } = JSON.parse(readFileSync(spec.responseFile, 'utf8')) as { data: Record<string, unknown> };
  const apollo = new ApolloServer({
    typeDefs: readFileSync(SCHEMA_FILE, 'utf8'),
    resolvers: { Query: Object.fromEntries(Object.keys(data).map((field) => [field, () => data[field]])) },
  });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo));
  const server = http.createServer(app);
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      await apollo.stop();
      await close(server);
    },
  };
}

async function plainHttp(spec: Extract<TargetSpec, { kind: 'plain-http' }>): Promise<Running> {
  const bytes = readFileSync(spec.responseFile);
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
      response.end(bytes);
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/graphql`, stop: () => close(server) };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as TargetSpec;
  const counter = new StatementCounter();
  const running = spec.kind === 'product' ? await product(spec, counter) : spec.kind === 'bare-apollo' ? await bareApollo(spec) : await plainHttp(spec);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'statements') {
      process.send!({ type: 'statements', count: counter.count });
      counter.count = 0;
    } else if (message.type === 'stop') {
      running.stop().finally(() => process.exit(0));
    }
  });
  // Whatever happens to the benchmark, no target outlives it.
  process.on('disconnect', () => {
    running.stop().finally(() => process.exit(0));
  });
  process.send!({ type: 'listening', url: running.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
