/**
 * What a browser on another site needs: CORS (a preflight for POST application/json with an
 * Authorization header, and the header on every answer, cached or not), with Apollo's CSRF
 * prevention still refusing simple requests; and responses compressed as Accept-Encoding asks.
 * (Issue 8 also asks for a real cross-origin fetch from a page in Chromium; that test comes with
 * the browser tests.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import { print } from 'graphql';
import { loadConfig } from '../../src/config';
import { RunningServer, startServer } from '../../src/server';
import { DashboardTableDocument } from '../../schema/generated/operations';
import type { OpenTestDatabase } from '../support/database';
import { serveTestDatabase } from '../support/server';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(url: string, options: { method: string; headers?: Record<string, string>; body?: string }): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const ELSEWHERE = 'https://dashboards.example.org';
const BODY = JSON.stringify({ query: print(DashboardTableDocument), variables: { slug: 'safer-communities-2014-15-q2' } });

describe('browser access', () => {
  let db: OpenTestDatabase;
  let open: RunningServer;
  let stop: () => Promise<void>;
  let listed: RunningServer;

  before(async () => {
    ({ db, server: open, stop } = await serveTestDatabase());
    listed = await startServer({ ...loadConfig({ CORS_ORIGINS: `${ELSEWHERE}, http://localhost:5173` }), port: 0 }, db.dataSource);
  });
  after(async () => {
    await listed?.stop();
    await stop?.();
  });

  test('a preflight for POST application/json with Authorization succeeds', async () => {
    const preflight = await request(open.url, {
      method: 'OPTIONS',
      headers: { origin: ELSEWHERE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    assert.match(String(preflight.headers['access-control-allow-methods']), /POST/);
    assert.match(String(preflight.headers['access-control-allow-headers']), /authorization/);
    assert.match(String(preflight.headers['access-control-allow-headers']), /content-type/);
  });

  test('answers carry the CORS header, computed and from the response cache', async () => {
    for (const expected of ['miss', 'hit']) {
      const answer = await request(open.url, { method: 'POST', headers: { origin: ELSEWHERE, 'content-type': 'application/json' }, body: BODY });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['access-control-allow-origin'], '*', expected);
      assert.equal(answer.headers['x-response-cache'] === 'hit' ? 'hit' : 'miss', expected);
    }
  });

  test('with CORS_ORIGINS, only the listed origins are allowed', async () => {
    const allowed = await request(listed.url, { method: 'POST', headers: { origin: ELSEWHERE, 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    assert.equal(allowed.headers['access-control-allow-origin'], ELSEWHERE);
    const other = await request(listed.url, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    assert.throws(() => loadConfig({ CORS_ORIGINS: 'not an origin' }), /CORS_ORIGINS must be \* or a comma-separated list of origins/);
  });

  test('Apollo\'s CSRF prevention still refuses a simple (unpreflighted) request', async () => {
    const simple = await request(`${open.url}?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET', headers: { origin: ELSEWHERE } });
    assert.equal(simple.status, 400);
    assert.match(simple.body.toString('utf8'), /CSRF/);
    const flagged = await request(`${open.url}?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET', headers: { origin: ELSEWHERE, 'apollo-require-preflight': 'true' } });
    assert.equal(flagged.status, 200);
    assert.deepEqual(JSON.parse(flagged.body.toString('utf8')), { data: { __typename: 'Query' }, extensions: { cost: { requested: 1, limit: 100_000 } } });
  });

  test('responses are compressed as Accept-Encoding asks, computed and from the cache', async () => {
    const plain = await request(open.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
    const text = plain.body.toString('utf8');
    assert.equal(plain.headers['content-encoding'], undefined);
    const gzip = await request(open.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, body: BODY });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.deepEqual(JSON.parse(zlib.gunzipSync(gzip.body).toString('utf8')), JSON.parse(text));
    assert.ok(gzip.body.length < plain.body.length / 3, `${gzip.body.length} bytes gzipped of ${plain.body.length}`);
    const br = await request(open.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'br, gzip' }, body: BODY });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.deepEqual(JSON.parse(zlib.brotliDecompressSync(br.body).toString('utf8')), JSON.parse(text));
    // Computed (cache off): compressed by the middleware.
    const dataSource = db.dataSource;
    const uncached = await startServer({ ...loadConfig({ RESPONSE_CACHE: 'off' }), port: 0 }, dataSource);
    try {
      const computed = await request(uncached.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, body: BODY });
      assert.equal(computed.headers['content-encoding'], 'gzip');
      assert.deepEqual(JSON.parse(zlib.gunzipSync(computed.body).toString('utf8')), JSON.parse(text));
    } finally {
      await uncached.stop();
    }
  });
});
