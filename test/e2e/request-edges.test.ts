/** Requests the fast path in front of Express must leave as they were, found in review. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import type { RunningServer } from '../../src/server';
import { serveTestDatabase } from '../support/server';

function post(url: string, body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; type: string; text: string; cached: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), text: Buffer.concat(chunks).toString('utf8'), cached: res.headers['x-response-cache'] === 'hit' }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const QUERY = JSON.stringify({ query: '{ dashboard(slug: "safer-communities-2014-15-q2") { title } }' });
const TITLE = /Safer Communities Performance Dashboard/;

describe('requests at the edges', () => {
  let server: RunningServer;
  let stop: () => Promise<void>;
  before(async () => {
    ({ server, stop } = await serveTestDatabase());
  });
  after(() => stop?.());

  test('the endpoint in another case, with a trailing slash or a query string', async () => {
    const base = server.url.replace(/\/graphql$/, '');
    for (const path of ['/GraphQL', '/graphql/', '/graphql?x=1']) {
      const answer = await post(`${base}${path}`, QUERY, { 'content-type': 'application/json' });
      assert.equal(answer.status, 200, path);
      assert.match(answer.text, TITLE, path);
    }
  });

  test('a gzip-compressed JSON body is inflated; a charset other than UTF-8 is refused as JSON must be UTF-8', async () => {
    const gzipped = await post(server.url, zlib.gzipSync(QUERY), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    assert.equal(gzipped.status, 200);
    assert.match(gzipped.text, TITLE);
    const latin1 = await post(server.url, Buffer.from(QUERY, 'latin1'), { 'content-type': 'application/json; charset=iso-8859-1' });
    assert.equal(latin1.status, 415);
  });

  test('a cached answer keeps the media type the Accept header chose, and an unacceptable Accept is not answered from the cache', async () => {
    const accept = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
    const first = await post(server.url, QUERY, accept);
    const second = await post(server.url, QUERY, accept);
    assert.deepEqual([first.cached, second.cached], [false, true]);
    assert.match(first.type, /application\/graphql-response\+json/);
    assert.equal(second.type, first.type);
    for (let i = 0; i < 2; i++) assert.equal((await post(server.url, QUERY, { 'content-type': 'application/json', accept: 'text/html' })).status, 406);
  });

  test('a bad area in a list is named where it stands, duplicates and all', async () => {
    const answer = await post(server.url, JSON.stringify({ query: '{ indicator(id: "safer-communities/total-crime-rate") { values(areas: ["E10000018", "E10000018", "BAD"], period: "2013-14") { value } } }' }), { 'content-type': 'application/json' });
    assert.match(JSON.parse(answer.text).errors[0].message, /Argument "areas\[2\]": no area has the code "BAD"/);
  });

  test('judgements with list arguments that join alike are not mixed up within a request', async () => {
    const query = `{ indicator(id: "safer-communities/total-crime-rate") {
      a: compare(area: "E10000018", period: "2013-14", against: { areas: ["E07000129\\u0001E07000131"] }) { outcome }
      b: compare(area: "E10000018", period: "2013-14", against: { areas: ["E07000129", "E07000131"] }) { outcome benchmark { label } } } }`;
    const answer = JSON.parse((await post(server.url, JSON.stringify({ query }), { 'content-type': 'application/json' })).text);
    assert.equal(answer.errors?.length, 1, JSON.stringify(answer));
    assert.deepEqual(answer.errors[0].path, ['indicator', 'a']);
    assert.equal(answer.data.indicator.b.benchmark.label, 'average of the areas');
  });
});
