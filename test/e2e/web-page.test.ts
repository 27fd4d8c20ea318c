/**
 * The web view over HTTP (what a browser does with it is test/e2e/web.browser.test.ts): its three
 * kinds of page answer the one index.html, which names only assets on this server; the assets are
 * served compressed and cacheable for a year; every other path is still not found.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { RunningServer } from '../../src/server';
import { WEB_DIR } from '../../src/web';
import { serveTestDatabase } from '../support/server';

describe('the web view at /', () => {
  let server: RunningServer;
  let origin: string;
  let stop: () => Promise<void>;

  before(async () => {
    assert.ok(existsSync(WEB_DIR), `${WEB_DIR} is missing: npm run build (or npm test) builds it`);
    ({ server, origin, stop } = await serveTestDatabase({ seed: false }));
  });
  after(() => stop?.());

  test('each page answers the page, which names only assets on this server', async () => {
    for (const path of ['/', '/dashboards/safer-communities-2014-15-q2', '/dashboards/no-such-dashboard', '/indicators/police-uk/burglary/rate?area=E07000130', '/key']) {
      const response = await fetch(`${origin}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(String(response.headers.get('content-type')), /^text\/html/, path);
      assert.equal(response.headers.get('cache-control'), 'no-cache', path);
      const html = await response.text();
      assert.match(html, /<html lang="en-GB">/);
      const links = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
      assert.ok(links.some((link) => /^\/assets\/index-[\w-]+\.js$/.test(link)), `${path} loads the script: ${links.join(', ')}`);
      for (const link of links) assert.match(link, /^(\/assets\/|data:)/, `${link} is on this server`);
    }
  });

  test('its assets are served compressed, cacheable for a year since their names change with their content', async () => {
    const html = await (await fetch(`${origin}/`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]*)"/g)].map((match) => match[1]);
    assert.ok(assets.length >= 2, 'a script and a stylesheet');
    for (const path of assets) {
      const response = await fetch(`${origin}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable', path);
      assert.equal(response.headers.get('content-encoding'), 'gzip', path);
      assert.match(String(response.headers.get('content-type')), path.endsWith('.js') ? /javascript/ : /css/);
    }
    assert.equal((await fetch(`${origin}/assets/no-such-file.js`)).status, 404);
  });

  test('other paths are not found, and /graphql and /health are what they were', async () => {
    for (const path of ['/nothing', '/dashboards', '/dashboards/a/b', '/index.html']) {
      assert.equal((await fetch(`${origin}${path}`)).status, 404, path);
    }
    assert.equal((await fetch(`${origin}/health`)).status, 200);
    const post = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    assert.deepEqual(await post.json(), { data: { __typename: 'Query' }, extensions: { cost: { requested: 1, limit: 100_000 } } });
  });
});
