/**
 * The page watcher of test/support/browser.ts, on a tiny server of its own: a request the browser
 * drops because the page moved on is not a fault, one the page cancelled while staying put is.
 * (CI once failed three web-view tests because the next test navigated while the last page's
 * deferred comparisons were still loading on a slow machine: the watcher called that a problem.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Browser, browserSkipReason, launchBrowser } from './browser';

const PAGE = `<!doctype html><html lang="en"><head><title>watcher</title></head><body><main><h1>watcher</h1>
<a id="route" href="/next">next</a>
<script>
  window.slow = () => { fetch('/slow').catch(() => {}); };
  window.abortable = () => { window.controller = new AbortController(); fetch('/slow', { signal: window.controller.signal }).catch(() => {}); };
  document.getElementById('route').addEventListener('click', (e) => { e.preventDefault(); history.pushState({}, '', '/next'); });
</script></main></body></html>`;

describe('the page watcher', { skip: browserSkipReason() }, () => {
  let server: http.Server;
  let origin: string;
  let browser: Browser;
  const held: http.ServerResponse[] = [];

  before(async () => {
    server = http.createServer((request, response) => {
      // /slow never answers on its own: the page must leave it, or abort it.
      if (request.url === '/slow') return void held.push(response);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const response of held) response.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Waits until the server holds `count` slow requests. */
  async function holding(count: number): Promise<void> {
    for (let i = 0; i < 200 && held.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(held.length, count, 'the slow request reached the server');
  }

  test('a request still loading when the page goes to another address is not a problem', async () => {
    const watched = await browser.open(origin);
    await watched.page.goto(`${origin}/one`);
    await watched.page.evaluate('window.slow()');
    await holding(1);
    await watched.page.goto(`${origin}/two`);
    await watched.page.waitForTimeout(100);
    watched.assertClean();
    await watched.page.close();
  });

  test('nor is one left behind by the app\'s own routing (history.pushState)', async () => {
    const watched = await browser.open(origin);
    await watched.page.goto(`${origin}/one`);
    await watched.page.evaluate('window.abortable()');
    await holding(2);
    await watched.page.locator('#route').click();
    assert.equal(new URL(watched.page.url()).pathname, '/next');
    // What useQuery does when the view that asked is unmounted by the route change.
    await watched.page.evaluate('window.controller.abort()');
    await watched.page.waitForTimeout(100);
    watched.assertClean();
    await watched.page.close();
  });

  test('a request the page cancels while staying where it is, is a problem', async () => {
    const watched = await browser.open(origin);
    await watched.page.goto(`${origin}/one`);
    await watched.page.evaluate('window.abortable()');
    await holding(3);
    await watched.page.evaluate('window.controller.abort()');
    await watched.page.waitForTimeout(200);
    assert.throws(() => watched.assertClean(), /request aborted with no navigation after it: http:\/\/127\.0\.0\.1:\d+\/slow/);
    await watched.page.close();
  });
});
