/**
 * The one place that wires the server: database, schema, Apollo Server on Express, /health,
 * the web view at / (src/web.ts), GraphiQL for browsers at /graphql, the rate limit and the cost
 * limit, the caches (reference data per process, whole responses unless RESPONSE_CACHE=off),
 * both keyed by the data version each request reads, the caller of each request (src/auth: a bad
 * key is an HTTP 401 before anything answers), errors as JSON (never Express's HTML page), and
 * graceful shutdown.
 */
import 'reflect-metadata';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import compression from 'compression';
import cors from 'cors';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { Authentication, Authenticator } from './auth/authenticate';
import type { Caller } from './auth/caller';
import { Config } from './config';
import { Context, createContext } from './context';
import { DataVersionSource, readDataVersion } from './db/data-version';
import { ResponseCache, RequestWithCache } from './response-cache';
import { ReferenceData, ReferenceDataCache } from './services/reference-data';
import { KeyVerifier } from './services/keys';
import { getSchema } from './schema';
import { complexityLimitPlugin, Cost } from './complexity';
import { errorFormatter, rejectUnstorableTextPlugin, shapeRefusal } from './input-guards';
import { roleGuardPlugin } from './role-guard';
import { graphiqlRouter, prefersHtml } from './graphiql';
import { RateLimiter } from './rate-limit';
import { webRouter } from './web';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting requests, lets in-flight ones finish (and their API keys' last-used writes), then closes. The database is the caller's. */
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** `/graphql`, any case, with or without a query string: what Express routes to Apollo as the endpoint itself. */
function isGraphQLPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0].toLowerCase();
  return path === '/graphql' || path === '/graphql/';
}

/** A plain JSON body this handler can read itself: JSON, UTF-8 (or no charset), not compressed. */
function isPlainJson(request: http.IncomingMessage): boolean {
  const type = request.headers['content-type'];
  if (type === undefined || !/^application\/json\s*(;|$)/i.test(type.trim())) return false;
  const charset = /;\s*charset=("?)([^";]+)\1/i.exec(type)?.[2];
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  return (!charset || /^utf-?8$/i.test(charset)) && encoding === 'identity';
}

/** A GraphQL request: what the rate limit counts (GraphiQL's page, asked for at the same URL by a browser, is not one). */
function isGraphQLRequest(request: http.IncomingMessage): boolean {
  if (!isGraphQLPath(request.url)) return false;
  return request.method === 'POST' || (request.method === 'GET' && !prefersHtml(request));
}

/**
 * A GraphQL-shaped error answer for a request that never reached GraphQL, with the cost limit as
 * every answer at /graphql has it (nothing was estimated).
 */
function sendError(response: http.ServerResponse, status: number, code: string, message: string, maxComplexity: number, more: { extensions?: Record<string, unknown>; headers?: http.OutgoingHttpHeaders } = {}): void {
  const cost: Cost = { requested: null, limit: maxComplexity };
  const body = JSON.stringify({ errors: [{ message, extensions: { code, ...more.extensions } }], extensions: { cost } });
  response.writeHead(status, { ...more.headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** What the request handler puts on a request: the response cache's fields, and who is calling. */
type ServedRequest = RequestWithCache & { caller?: Caller };

/** The same 401 from Apollo, for requests that reach it without passing the handler's fast path (GET, compressed bodies). */
function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } } });
}

/** The same words for a body that is not JSON, whichever parser found it. */
function notJson(error: Error): string {
  return `The request body is not valid JSON: ${error.message}`;
}

const TOO_LARGE = `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`;
const UNAVAILABLE = 'The database is not answering; try again shortly.';

/** An error of express.json (body-parser), as the fast path above words the same mistakes. */
interface BodyParserError extends Error {
  status?: number;
  type?: string;
  charset?: string;
  encoding?: string;
}

/** A request's mistake found by express.json: its status, code and a sentence; null for anything else. */
function bodyMistake(error: BodyParserError): { status: number; code: string; message: string } | null {
  switch (error.type) {
    case 'entity.parse.failed': return { status: 400, code: 'BAD_REQUEST', message: notJson(error) };
    case 'entity.too.large': return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: TOO_LARGE };
    case 'charset.unsupported': return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: `The request body must be JSON in UTF-8, not ${error.charset}.` };
    case 'encoding.unsupported': return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: `Content-Encoding "${error.encoding}" is not supported: send the body as it is, or gzip, deflate or br.` };
  }
  return error.status !== undefined && error.status >= 400 && error.status < 500 ? { status: error.status, code: 'BAD_REQUEST', message: error.message } : null;
}

type Body = { ok: true; raw: Buffer } | { ok: false; status: number; code: string; message: string };

function readBody(request: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (body: Body): void => {
      if (!done) {
        done = true;
        resolve(body);
      }
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish({ ok: false, status: 413, code: 'PAYLOAD_TOO_LARGE', message: TOO_LARGE });
        request.resume();
      } else chunks.push(chunk);
    });
    request.on('end', () => finish({ ok: true, raw: Buffer.concat(chunks, size) }));
    request.on('error', (error) => finish({ ok: false, status: 400, code: 'BAD_REQUEST', message: `The request body could not be read: ${error.message}` }));
  });
}

export async function startServer(config: Config, dataSource: DataSource): Promise<RunningServer> {
  const schema = await getSchema();
  const app = express();
  const httpServer = http.createServer((request, response) => void handle(request as ServedRequest, response));
  const versions = new DataVersionSource(() => readDataVersion(dataSource));
  const references = new ReferenceDataCache(dataSource);
  const responses = config.responseCache ? new ResponseCache() : null;
  const authenticator = new Authenticator(new KeyVerifier(dataSource), config.publicRead);
  const limiter = new RateLimiter(config.rateLimit);
  const refuse = (response: http.ServerResponse, status: number, code: string, message: string, more?: Parameters<typeof sendError>[5]): void =>
    sendError(response, status, code, message, config.maxComplexity, more);
  const corsHandler = cors({
    origin: config.corsOrigins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'x-api-key', 'apollo-require-preflight', 'x-apollo-operation-name'],
    exposedHeaders: ['x-response-cache', 'retry-after'],
    maxAge: 600,
  });
  /** Resolves false when CORS has answered the request itself (a preflight). */
  const applyCors = (request: http.IncomingMessage, response: http.ServerResponse): Promise<boolean> =>
    new Promise((resolve) => {
      corsHandler(request as express.Request, response as express.Response, () => resolve(true));
      if (response.writableEnded) resolve(false);
    });
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: config.development,
    formatError: errorFormatter(config),
    plugins: [
      // Cache hints are not used (the response cache keys on the data version); Apollo's default
      // cache-control plugin would wrap every field resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
      // Browsers get our own GraphiQL (src/graphiql.ts), bundled and served from here; Apollo's
      // landing page would load its sandbox from Apollo's CDN.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }), rejectUnstorableTextPlugin(),
      // Before the response cache's plugin, so that a cached answer keeps its cost; and before the
      // role guard: an operation nested too deep is refused by it first (hooks run in this order).
      complexityLimitPlugin(schema, config),
      // A field the caller's role does not allow refuses the whole operation, before any of it runs.
      roleGuardPlugin(schema),
      ...(responses ? [responses.plugin()] : [])],
  });
  await apollo.start();

  // gzip or brotli as Accept-Encoding asks (a 42 KB judgement answer is about 4 KB gzipped).
  app.use(compression());
  app.get('/health', async (_request, response) => {
    const started = Date.now();
    try {
      await dataSource.query('SELECT 1');
      response.json({ status: 'ok', database: { type: dataSource.options.type, status: 'up', latencyMs: Date.now() - started } });
    } catch (error) {
      response.status(503).json({
        status: 'error',
        database: { type: dataSource.options.type, status: 'down', error: config.development ? (error as Error).message : 'unavailable' },
      });
    }
  });
  /**
   * A GraphQL POST's plain JSON body is read here, before Express: a malformed or oversized body
   * gets a JSON error at once, and with the response cache on, a request answered before is answered
   * from memory without Express or Apollo. Who is calling is settled here too, before the cache
   * answers; the context does it for what this skips. Everything else goes to Express as it came.
   */
  const handle = async (request: ServedRequest, response: http.ServerResponse): Promise<void> => {
    // CORS first, for every path: a preflight is answered here (204), and every answer, cached
    // or not, carries the headers a browser on an allowed origin needs.
    if (!(await applyCors(request, response))) return;
    // Then the rate limit, before the response cache can answer: a cached answer is cheap, but
    // a caller over its limit is over it whatever it asks.
    const limited = isGraphQLRequest(request) ? limiter.check(request) : null;
    if (limited) {
      const who = limited.caller === 'key' ? 'with one API key' : 'from one address without an API key';
      refuse(response, 429, 'RATE_LIMITED', `Too many requests: at most ${limited.perMinute} a minute ${who}; try again in ${limited.retryAfter} s.`, {
        extensions: { retryAfter: limited.retryAfter, limitPerMinute: limited.perMinute },
        headers: { 'retry-after': String(limited.retryAfter) },
      });
      return;
    }
    if (request.method === 'POST' && isGraphQLPath(request.url) && isPlainJson(request)) {
      const body = await readBody(request);
      if (!body.ok) {
        refuse(response, body.status, body.code, body.message);
        return;
      }
      try {
        request.body = JSON.parse(body.raw.toString('utf8'));
      } catch (error) {
        refuse(response, 400, 'BAD_REQUEST', notJson(error as Error));
        return;
      }
      let authentication: Authentication;
      try {
        request.dataVersion = await versions.read();
        // Who is calling, before anything answers (the response cache too): a bad or revoked key is a 401.
        authentication = await authenticator.authenticate(request.headers, request.dataVersion);
      } catch {
        refuse(response, 503, 'SERVICE_UNAVAILABLE', UNAVAILABLE);
        return;
      }
      if (!authentication.ok) {
        // An HTTP 401 for credentials refused (or absent, with PUBLIC_READ=off), counted against the address.
        limiter.refused(request);
        refuse(response, 401, 'UNAUTHENTICATED', authentication.message, { headers: { 'www-authenticate': 'Bearer' } });
        return;
      }
      request.caller = authentication.caller;
      if (responses?.answer(request, response, body.raw, request.dataVersion)) return;
    }
    app(request, response);
  };
  app.use(graphiqlRouter());
  app.use(webRouter());
  app.use(
    '/graphql',
    // Bodies the handler above did not read (another charset, compressed, other paths) are parsed
    // here as before; one it read is left as it is (body-parser skips a finished request).
    express.json({ limit: MAX_BODY_BYTES }),
    // Operations and variables that would exhaust graphql-js's stack (a 500) are refused first.
    (request: express.Request, response: express.Response, next: express.NextFunction) => {
      const refusal = shapeRefusal(request.method === 'GET' ? request.query : request.body);
      if (refusal) refuse(response, refusal.status, refusal.code, refusal.message);
      else next();
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const request = req as ServedRequest;
        let version: number;
        let reference: ReferenceData;
        try {
          version = request.dataVersion ?? await versions.read();
          reference = await references.get(version);
        } catch {
          // As the fast path above answers it: the database, not the request, is at fault, for now.
          throw new GraphQLError(UNAVAILABLE, { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
        }
        let caller = request.caller;
        if (!caller) {
          const authentication = await authenticator.authenticate(request.headers, version);
          if (!authentication.ok) throw unauthenticated(authentication.message);
          caller = authentication.caller;
        }
        const reloadReference = async () => references.get(await readDataVersion(dataSource));
        return { ...createContext(dataSource, config, reference, caller, reloadReference), cacheSlot: request.cacheSlot };
      },
    }),
  );
  // Errors before Apollo (a body express.json could not read, an asset that is not there) are
  // answered here, never by Express's HTML page with its stack trace: JSON at /graphql, text elsewhere.
  app.use((error: BodyParserError, request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const mistake = bodyMistake(error) ?? { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' };
    if (mistake.status === 500) console.error(error);
    if (isGraphQLPath(request.originalUrl)) refuse(response, mistake.status, mistake.code, mistake.message);
    else response.status(mistake.status).type('text/plain').send(`${http.STATUS_CODES[mistake.status]}\n`);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    stop: async () => {
      await apollo.stop();
      await authenticator.settle();
    },
  };
}
