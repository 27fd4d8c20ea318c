/**
 * GraphiQL in headless Chromium, against a started server: it loads with the example operations
 * as tabs, runs DashboardTable, opens the documentation explorer and sends a request header.
 * Every step: no request leaves the server's origin, no console errors, nothing serious for
 * axe-core, and a screenshot in build/test-output/screenshots/ (see test/support/browser.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout } from 'node:timers/promises';
import type { RunningServer } from '../../src/server';
import { readPlaygroundTabs } from '../../scripts/graphiql-tabs';
import { parseKey } from '../../src/auth/key-text';
import { Browser, browserSkipReason, launchBrowser, WatchedPage } from '../support/browser';
import { testDatabaseKind } from '../support/database';
import { PROJECT_ROOT } from '../support/paths';
import { serveTestDatabase } from '../support/server';

/** Text of an element as a reader sees it (Monaco draws spaces as no-break spaces). */
function textOf(page: WatchedPage['page'], selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((element) => (element.textContent ?? '').replace(/\u00a0/g, ' '));
}

/** Waits until the first element matching `selector` reads `text`; if it never does, says what it read. */
async function waitForText(page: WatchedPage['page'], selector: string, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await textOf(page, selector).catch((error: Error) => `(${error.message.split('\n')[0]})`);
    if (current.includes(text)) return;
    if (Date.now() > deadline) assert.fail(`${selector} did not show ${JSON.stringify(text)} within ${timeoutMs / 1000} s; it reads: ${current.slice(0, 400)}`);
    await setTimeout(250);
  }
}

describe('GraphiQL in Chromium', { skip: browserSkipReason() }, () => {
  const kind = testDatabaseKind();
  let server: RunningServer;
  let origin: string;
  let stop: () => Promise<void>;
  let browser: Browser;
  let watched: WatchedPage;
  /** A real key: the server refuses any other with a 401. */
  let key: string;

  before(async () => {
    ({ server, origin, stop, tokens: { key } } = await serveTestDatabase({ keys: { key: { name: 'Playground test', role: 'VIEWER', areas: [] } } }));
    browser = await launchBrowser();
    watched = await browser.open(origin);
  });
  after(async () => {
    await browser?.close();
    await stop?.();
  });

  test('loads from this server with a tab for each example operation, variables filled in', async () => {
    const { page } = watched;
    await page.goto(server.url);
    await page.getByRole('button', { name: /Execute query/ }).waitFor();
    const expected = readPlaygroundTabs(PROJECT_ROOT).map((tab) => tab.name);
    await page.locator('.graphiql-tab-button').nth(expected.length - 1).waitFor();
    assert.deepEqual(await page.locator('.graphiql-tab-button').allTextContents(), expected);
    await waitForText(page, '.graphiql-editor-tool', '"slug": "safer-communities-2014-15-q2"');
    assert.ok(watched.requests.some((request) => /\/graphiql\/assets\/graphql\.worker-\w+\.js$/.test(request)), 'Monaco\'s GraphQL worker was loaded from here');
    await watched.checkAndCapture(`graphiql-${kind}`);
  });

  test('running the DashboardTable tab shows the dashboard\'s title in the result pane', async () => {
    const { page } = watched;
    await page.getByRole('button', { name: 'DashboardTable', exact: true }).click();
    await page.getByRole('button', { name: /Execute query/ }).click();
    await waitForText(page, '.graphiql-response', '"title": "Safer Communities Performance Dashboard"');
    assert.match(await textOf(page, '.graphiql-response'), /"name": "Leicestershire"/);
    await watched.checkAndCapture(`graphiql-dashboard-table-${kind}`);
  });

  test('the documentation explorer opens and shows the Query type', async () => {
    const { page } = watched;
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await waitForText(page, '.graphiql-doc-explorer', 'query: Query');
    await page.locator('.graphiql-doc-explorer').getByRole('link', { name: 'Query', exact: true }).first().click();
    await waitForText(page, '.graphiql-doc-explorer-title', 'Query');
    await waitForText(page, '.graphiql-doc-explorer', 'dashboard');
    await watched.checkAndCapture(`graphiql-docs-${kind}`);
  });

  test('a header typed in the headers editor is sent (Authorization: Bearer <key>), and never stored', async () => {
    const { page } = watched;
    await page.getByRole('button', { name: 'Hide Documentation Explorer' }).click();
    await page.getByRole('button', { name: 'PartnerLatestValues', exact: true }).click();
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    await page.locator('.graphiql-editor-tool .monaco-editor:visible').click();
    await page.keyboard.insertText(`{"Authorization": "Bearer ${key}"}`);
    const sent = page.waitForRequest((request) => request.method() === 'POST' && request.url() === server.url && (request.postData() ?? '').includes('PartnerLatestValues'));
    await page.getByRole('button', { name: /Execute query/ }).click();
    assert.equal((await sent).headers().authorization, `Bearer ${key}`);
    await waitForText(page, '.graphiql-response', '"latestValue"');
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage })');
    assert.ok(!stored.includes(parseKey(key)!.secret), 'headers are not written to localStorage');
    await watched.checkAndCapture(`graphiql-headers-${kind}`);
  });
});
