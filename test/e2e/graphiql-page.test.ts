/**
 * GraphiQL over HTTP (what a browser does with it is test/e2e/graphiql.browser.test.ts): a
 * browser asking for /graphql gets the page, everything else gets Apollo as before, with no
 * landing page; the bundled assets are served from here with long-lived caching.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { GRAPHIQL_DIR } from '../../src/graphiql';
import type { RunningServer } from '../../src/server';
import { serveTestDatabase } from '../support/server';

/** What Chromium sends when a user opens a URL. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('GraphiQL at /graphql', () => {
  let server: RunningServer;
  let stop: () => Promise<void>;

  before(async () => {
    assert.ok(existsSync(GRAPHIQL_DIR), `${GRAPHIQL_DIR} is missing: npm run build (or npm test) bundles it`);
    ({ server, stop } = await serveTestDatabase({ seed: false }));
  });
  after(() => stop?.());

  test('a browser gets the page, which names only assets on this server', async () => {
    for (const url of [server.url, `${server.url}/`, `${server.url}?query=%7B__typename%7D`]) {
      const response = await fetch(url, { headers: { accept: BROWSER_ACCEPT } });
      assert.equal(response.status, 200, url);
      assert.match(String(response.headers.get('content-type')), /^text\/html/);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      assert.match(String(response.headers.get('vary')), /Accept/);
      const html = await response.text();
      const links = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
      assert.ok(links.length >= 2, html);
      for (const link of links) assert.match(link, /^(\/graphiql\/assets\/|data:)/, `${link} is on this server`);
    }
  });

  test('its assets are served, cacheable for a year since their names change with their content', async () => {
    const html = await (await fetch(server.url, { headers: { accept: BROWSER_ACCEPT } })).text();
    for (const path of [...html.matchAll(/(?:src|href)="(\/graphiql\/assets\/[^"]*)"/g)].map((match) => match[1])) {
      const response = await fetch(`http://localhost:${server.port}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable', path);
      assert.match(String(response.headers.get('content-type')), path.endsWith('.js') ? /javascript/ : /css/);
      assert.ok((await response.arrayBuffer()).byteLength > 1000, path);
    }
    const missing = await fetch(`http://localhost:${server.port}/graphiql/assets/no-such-file.js`);
    assert.equal(missing.status, 404);
  });

  test('everything else is Apollo\'s, and Apollo shows no landing page', async () => {
    const get = await fetch(server.url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    assert.equal(get.status, 400);
    assert.match(await get.text(), /non-empty `query`/);
    // curl and fetch send */*: they get GraphQL, not the page.
    const any = await fetch(`${server.url}?query=%7B__typename%7D`, { headers: { accept: '*/*', 'apollo-require-preflight': 'true' } });
    assert.deepEqual(await any.json(), { data: { __typename: 'Query' }, extensions: { cost: { requested: 1, limit: 100_000 } } });
    const post = await fetch(server.url, { method: 'POST', headers: { accept: BROWSER_ACCEPT, 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    assert.deepEqual(await post.json(), { data: { __typename: 'Query' }, extensions: { cost: { requested: 1, limit: 100_000 } } });
  });
});
