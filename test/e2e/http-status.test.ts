/**
 * The HTTP status and error code of each kind of answer at /graphql, as the README's table lists
 * them: 4xx for a request that is wrong as a whole (nothing ran), 200 for an answer (errors of
 * single fields inside it keep their codes), 429 with Retry-After over the rate limit, 503 when
 * the database is not answering. No answer carries a stack trace unless NODE_ENV=development.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSchema } from 'graphql';
import { complexityLimitPlugin } from '../../src/complexity';
import { loadConfig } from '../../src/config';
import { createKey } from '../../src/services/keys';
import { RunningServer, startServer } from '../../src/server';
import { ReferenceData } from '../../src/services/reference-data';
import { openTestDatabase, OpenTestDatabase } from '../support/database';
import { serveTestDatabase } from '../support/server';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string; stacktrace?: string[] } }>; extensions?: { cost?: { requested: number | null; limit: number } } } | null;
}

interface Request {
  method?: 'GET' | 'POST' | 'OPTIONS';
  /** Below the server's origin; /graphql unless said. */
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

function send(server: RunningServer, { method = 'POST', path = '/graphql', headers = { 'content-type': 'application/json' }, body }: Request): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ port: server.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Answer['json'] = null;
        try {
          json = JSON.parse(text) as Answer['json'];
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode!, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const query = (text: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ query: text, ...extra });
const get = (text: string): Request => ({ method: 'GET', path: `/graphql?query=${encodeURIComponent(text)}`, headers: { 'apollo-require-preflight': '1' } });
const SLUG_QUERY = 'query Table($slug: String!) { dashboard(slug: $slug) { title } }';
/** A list of 10 items of lists of 10 items, five deep: 111,112 against the default limit of 100,000. */
const DEEP = '{ area(code: "E92000001") { children { children { children { children { children { name } } } } } } }';
/** Each fragment nests 10 levels and spreads the next: flat to parse, 4,500 levels to estimate. */
const DEEP_BY_FRAGMENTS = `{ area(code: "E10000018") { ...F0 } } ${Array.from({ length: 450 }, (_, i) => `fragment F${i} on Area { ${'children { '.repeat(10)}${i < 449 ? `...F${i + 1}` : 'name'}${' }'.repeat(10)} }`).join(' ')}`;

interface Case {
  name: string;
  request: Request;
  status: number;
  /** The first error's code; null for an answer without errors. */
  code: string | null;
  /**
   * extensions.cost.requested: a number when the operation was estimated, null when there was
   * nothing to estimate, 'absent' when Apollo refused the HTTP request before any GraphQL ran.
   */
  requested: 'a number' | null | 'absent';
}

/** Every case runs against a server with the default configuration (rate limit on, response cache on). */
const CASES: Case[] = [
  { name: 'an answer', request: { body: query(SLUG_QUERY, { variables: { slug: 'safer-communities-2014-15-q2' } }) }, status: 200, code: null, requested: 'a number' },
  { name: 'an answer by GET', request: get('{ dashboards { title } }'), status: 200, code: null, requested: 'a number' },
  { name: 'malformed JSON', request: { body: '{"query": "{ dashboards { title } }"' }, status: 400, code: 'BAD_REQUEST', requested: null },
  { name: 'malformed JSON, gzip-compressed (read by express.json)', request: { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: zlib.gzipSync('{"query":') }, status: 400, code: 'BAD_REQUEST', requested: null },
  { name: 'malformed JSON labelled UTF-16 (read by express.json)', request: { headers: { 'content-type': 'application/json; charset=utf-16' }, body: '{"query":' }, status: 400, code: 'BAD_REQUEST', requested: null },
  { name: 'JSON in a charset other than UTF-8', request: { headers: { 'content-type': 'application/json; charset=iso-8859-1' }, body: query('{ dashboards { title } }') }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', requested: null },
  { name: 'a Content-Encoding the server does not read', request: { headers: { 'content-type': 'application/json', 'content-encoding': 'compress' }, body: 'x' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', requested: null },
  { name: 'a body over 1 MB', request: { body: query(`{ __typename } #${'x'.repeat(1_100_000)}`) }, status: 413, code: 'PAYLOAD_TOO_LARGE', requested: null },
  { name: 'no query', request: { body: '{}' }, status: 400, code: 'BAD_REQUEST', requested: 'absent' },
  { name: 'a simple request Apollo\'s CSRF prevention refuses (GET without a preflight header)', request: { method: 'GET', path: '/graphql?query=%7B__typename%7D', headers: {} }, status: 400, code: 'BAD_REQUEST', requested: 'absent' },
  { name: 'a parse error', request: { body: query('{ dashboards { title }') }, status: 400, code: 'GRAPHQL_PARSE_FAILED', requested: null },
  { name: 'an unknown field', request: { body: query('{ dashboards { colour } }') }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', requested: null },
  { name: 'a missing variable', request: { body: query(SLUG_QUERY) }, status: 400, code: 'BAD_USER_INPUT', requested: null },
  { name: 'a wrongly typed variable', request: { body: query(SLUG_QUERY, { variables: { slug: 5 } }) }, status: 400, code: 'BAD_USER_INPUT', requested: null },
  { name: 'an unknown operation name', request: { body: query(SLUG_QUERY, { operationName: 'Chart', variables: { slug: 'x' } }) }, status: 400, code: 'OPERATION_RESOLUTION_FAILURE', requested: null },
  { name: 'over the cost limit', request: { body: query(DEEP) }, status: 400, code: 'QUERY_TOO_COMPLEX', requested: 'a number' },
  { name: 'more fields than are ever estimated', request: { body: query(`{ ${Array.from({ length: 10_001 }, (_, i) => `f${i}: __typename`).join(' ')} }`) }, status: 400, code: 'QUERY_TOO_COMPLEX', requested: null },
  { name: 'more levels than are ever estimated (fields nested 60 deep)', request: { body: query(`{ area(code: "E10000018") { ${'children { '.repeat(60)}name${' }'.repeat(60)} } }`) }, status: 400, code: 'QUERY_TOO_COMPLEX', requested: null },
  { name: 'fields nested 4,500 deep by 450 fragments of 10 levels each (the estimate would run out of stack: a 500)', request: { body: query(DEEP_BY_FRAGMENTS) }, status: 400, code: 'QUERY_TOO_COMPLEX', requested: null },
  { name: 'nested deeper than the parser reads', request: { body: query(`{ area(code: "E10000018") { ${'children { '.repeat(20_000)}name${' }'.repeat(20_000)} } }`) }, status: 400, code: 'GRAPHQL_PARSE_FAILED', requested: null },
  { name: 'more than 500 fragments (a chain of 4,000 runs graphql-js\'s validation out of stack: a 500)', request: { body: query(`{ ...F0 } ${Array.from({ length: 4000 }, (_, i) => `fragment F${i} on Query { ${i < 3999 ? `...F${i + 1}` : '__typename'} }`).join(' ')}`) }, status: 400, code: 'QUERY_TOO_COMPLEX', requested: null },
  { name: 'variables nested more than 100 deep (10,000 runs graphql-js\'s coercion out of stack: a 500)', request: { body: `{"query":"query($areas: [ID!]) { indicator(id: \\"safer-communities/total-crime-rate\\") { values(areas: $areas) { value } } }","variables":{"areas":${'['.repeat(10_000)}${']'.repeat(10_000)}}}` }, status: 400, code: 'BAD_USER_INPUT', requested: null },
  { name: 'a NUL character in an argument', request: { body: query('{ area(code: "E1000\\u00008") { name } }') }, status: 400, code: 'BAD_USER_INPUT', requested: 'a number' },
  { name: 'a lone surrogate in a variable (the databases would store U+FFFD instead)', request: { body: query(SLUG_QUERY, { variables: { slug: 'safer\ud800communities' } }) }, status: 400, code: 'BAD_USER_INPUT', requested: 'a number' },
  { name: 'a backslash before u0000 is text, not a NUL', request: { body: query('{ dashboard(slug: "C:\\\\u0000") { title } }') }, status: 200, code: null, requested: 'a number' },
  { name: 'a resolver\'s bad argument: an answer, with the field\'s error', request: { body: query('{ dashboards { title } period(key: "nonsense") { label } }') }, status: 200, code: 'BAD_USER_INPUT', requested: 'a number' },
];

describe('HTTP status codes', () => {
  let server: RunningServer;
  let stop: () => Promise<void>;
  let development: RunningServer;
  const answers = new Map<string, Answer>();
  before(async () => {
    let db: OpenTestDatabase;
    ({ db, server, stop } = await serveTestDatabase());
    development = await startServer({ ...loadConfig({ NODE_ENV: 'development' }), port: 0 }, db.dataSource);
  });
  after(async () => {
    await development?.stop();
    await stop?.();
  });

  for (const c of CASES) {
    test(`${c.name}: ${c.status} ${c.code ?? 'without errors'}`, async () => {
      const answer = await send(server, c.request);
      answers.set(c.name, answer);
      assert.equal(answer.status, c.status, answer.text.slice(0, 500));
      assert.match(String(answer.headers['content-type']), /^application\/json/);
      assert.ok(answer.json, `a JSON body: ${answer.text.slice(0, 200)}`);
      assert.equal(answer.json.errors?.[0]?.extensions?.code ?? null, c.code, answer.text.slice(0, 500));
      if (c.status === 200) assert.ok(answer.json.data, 'an answer has data');
      const cost = answer.json.extensions?.cost;
      if (c.requested === 'absent') assert.equal(cost, undefined);
      else {
        assert.equal(cost?.limit, 100_000);
        if (c.requested === null) assert.equal(cost.requested, null);
        else assert.equal(typeof cost.requested, 'number');
      }
    });
  }

  test('a mutation by GET: 405 with Allow: POST (Apollo checks the operation type before running it, even while the schema has no Mutation type)', async () => {
    const answer = await send(server, get('mutation { __typename }'));
    assert.equal(answer.status, 405);
    assert.equal(answer.headers.allow, 'POST');
    assert.equal(answer.json?.errors?.[0]?.extensions?.code, 'BAD_REQUEST');
    assert.deepEqual(answer.json?.extensions?.cost, { requested: null, limit: 100_000 });
  });

  test('no answer carries a stack trace unless NODE_ENV=development', async () => {
    assert.equal(answers.size, CASES.length, 'the table ran first');
    for (const [name, answer] of answers) {
      assert.doesNotMatch(answer.text, /stacktrace|\bat .*\(.*:\d+:\d+\)/, name);
    }
    const missing = await send(server, { method: 'GET', path: '/assets/missing.js', headers: {} });
    assert.equal(missing.status, 404);
    assert.equal(missing.text, 'Not Found\n', 'Express\'s own error page is never shown');

    const shown = await send(development, CASES.find((c) => c.code === 'BAD_USER_INPUT' && c.status === 200)!.request);
    assert.ok(shown.json?.errors?.[0]?.extensions?.stacktrace?.length, 'development shows them');
  });
});

describe('a mutation by GET, on a schema that has one', () => {
  test('405 with Allow: POST, before the operation is estimated, and with the cost limit', async () => {
    const db = await openTestDatabase({ seed: false });
    try {
      const reference = await ReferenceData.load(db.dataSource);
      const schema = buildSchema('type Query { a: Int } type Mutation { b: Int }');
      const apollo = new ApolloServer<{ reference: ReferenceData }>({ schema, plugins: [complexityLimitPlugin(schema, { maxComplexity: 1000, maxPageSize: 100 })] });
      await apollo.start();
      const headers = new HeaderMap([['apollo-require-preflight', '1']]);
      const answer = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'GET', headers, search: `?query=${encodeURIComponent('mutation { b }')}`, body: undefined },
        context: async () => ({ reference }),
      });
      await apollo.stop();
      assert.equal(answer.status, 405);
      assert.equal(answer.headers.get('allow'), 'POST');
      assert.equal(answer.body.kind, 'complete');
      const body = JSON.parse(answer.body.kind === 'complete' ? answer.body.string : '');
      assert.deepEqual(body.extensions, { cost: { requested: null, limit: 1000 } });
    } finally {
      await db.close();
    }
  });
});

describe('the rate limit', () => {
  let db: OpenTestDatabase;
  let server: RunningServer;
  let stop: () => Promise<void>;
  before(async () => {
    ({ db, server, stop } = await serveTestDatabase({ env: { RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE_WITH_KEY: '5' } }));
  });
  after(() => stop?.());

  test('429 RATE_LIMITED with Retry-After, counting GraphQL requests only, before the response cache answers', async () => {
    const body = query('{ dashboards { title } }');
    // Not counted: health, the web view and its assets, GraphiQL's page and assets, preflights.
    for (const path of ['/health', '/', '/assets/missing.js', '/graphiql/assets/missing.js']) await send(server, { method: 'GET', path, headers: {} });
    await send(server, { method: 'GET', headers: { accept: 'text/html' } });
    await send(server, { method: 'OPTIONS', headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' } });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const answer = await send(server, { body });
      statuses.push(answer.status);
      if (i > 0) assert.equal(answer.headers['x-response-cache'], 'hit', 'answered from the cache');
    }
    assert.deepEqual(statuses, [200, 200, 200]);

    const refused = await send(server, { body, headers: { 'content-type': 'application/json', origin: 'https://example.org' } });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers['x-response-cache'], undefined, 'the cache did not answer');
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 20, `Retry-After: ${refused.headers['retry-after']}`);
    assert.equal(refused.headers['access-control-allow-origin'], '*', 'a page on another site can read it');
    assert.match(String(refused.headers['access-control-expose-headers']), /retry-after/);
    assert.deepEqual(refused.json?.errors?.[0]?.extensions, { code: 'RATE_LIMITED', retryAfter, limitPerMinute: 3 });
    assert.match(refused.json!.errors![0].message, /at most 3 a minute from one address without an API key; try again in \d+ s/);
    assert.deepEqual(refused.json?.extensions?.cost, { requested: null, limit: 100_000 });
    assert.equal((await send(server, get('{ __typename }'))).status, 429, 'a GET is counted too');

    assert.equal((await send(server, { method: 'GET', path: '/health', headers: {} })).status, 200, 'health is never limited');
    const { token } = await createKey(db.dataSource, { name: 'Partner', role: 'VIEWER', areas: [] });
    const keyed = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const withKey = [];
    for (let i = 0; i < 6; i++) withKey.push((await send(server, { body, headers: keyed })).status);
    assert.deepEqual(withKey, [200, 200, 200, 200, 200, 429], 'a key has its own limit');
  });
});

describe('the database not answering', () => {
  test('503 SERVICE_UNAVAILABLE, with the response cache on or off', async () => {
    const { db, server: cached, stop } = await serveTestDatabase();
    const uncached = await startServer({ ...loadConfig({ RESPONSE_CACHE: 'off' }), port: 0 }, db.dataSource);
    try {
      await db.dataSource.destroy();
      for (const server of [cached, uncached]) {
        const answer = await send(server, { body: query('{ dashboards { title } }') });
        assert.equal(answer.status, 503, answer.text);
        assert.equal(answer.json?.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE');
        assert.doesNotMatch(answer.text, /stacktrace/);
      }
    } finally {
      await uncached.stop();
      await stop();
    }
  });
});

describe('a fault in the server', () => {
  test('an internal error of a field is said to be one, without its own message (the database\'s words) unless NODE_ENV=development', async () => {
    const { db, server, stop } = await serveTestDatabase();
    const development = await startServer({ ...loadConfig({ NODE_ENV: 'development', RESPONSE_CACHE: 'off' }), port: 0 }, db.dataSource);
    const logged = console.error;
    const log: unknown[][] = [];
    console.error = (...args: unknown[]) => void log.push(args);
    try {
      // A table gone from under the server: the outcomes' assessments cannot be read.
      await db.dataSource.query('DROP TABLE outcome_assessment');
      const body = query('{ dashboard(slug: "safer-communities-2014-15-q2") { title outcomes { reported { comment } } } }');
      const answer = await send(server, { body });
      assert.equal(answer.status, 200, 'the rest is answered');
      const errors = answer.json?.errors ?? [];
      assert.ok(errors.length > 0);
      for (const error of errors) {
        assert.equal(error.extensions?.code, 'INTERNAL_SERVER_ERROR');
        assert.equal(error.message, 'Internal server error: the server could not answer this; the fault is logged.');
      }
      assert.doesNotMatch(answer.text, /outcome_assessment|SELECT|SQLITE|relation/i);
      assert.match(log.map((args) => args.map(String).join(' ')).join('\n'), /outcome_assessment/, 'the database\'s words are in the log');
      const shown = await send(development, { body });
      assert.match(shown.json?.errors?.[0]?.message ?? '', /outcome_assessment/);
    } finally {
      console.error = logged;
      await development.stop();
      await stop();
    }
  });
});
