/**
 * `npm run bench:web`: the web view in headless Chromium (Debian's chromium, as the browser
 * tests use) against a server on a seeded SQLite database with the response cache on, as under
 * `npm start`.
 *
 * - Page weight: the JavaScript each page loads (the browser's own list of scripts), gzipped at
 *   the level the server compresses with. Goal: under 300 KB for the dashboard page.
 * - Time to the table: from navigation start to the dashboard table in the page (all 12 rows of
 *   the 2014/15 dashboard; the page marks that moment with performance.mark('dashboard-table')), and to both comparison columns filled, in a fresh browser context each
 *   time (nothing cached in the browser). Goal: under 1 s for the table (median). The baseline,
 *   measured in the same run, is the time to load /health, a page with no script: what navigation
 *   itself costs here. The first visit is reported apart (the server has not computed anything).
 *
 * BENCH_SMOKE=1: two visits, goals printed but not enforced. Without Chromium the benchmark says
 * so and stops, unless CI=true, where that is a failure.
 */
import '../src/production-default';
import 'reflect-metadata';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { seedDatabase } from '../src/db/seed';
import { startServer } from '../src/server';
import { WEB_DIR } from '../src/web';
import { EXIT_BROKEN, EXIT_GOAL_MISSED, machineLine, quietLine, settingFromEnv, SMOKE } from './support/mode';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VISITS = SMOKE ? 2 : settingFromEnv('BENCH_VISITS', 15);
const GOAL_KB = 300;
const GOAL_MS = 1000;
const SLUG = 'safer-communities-2014-15-q2';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** The scripts a page loaded (same origin), from the browser's resource timing. */
async function scriptsOf(page: Page, origin: string): Promise<string[]> {
  const urls = await page.evaluate<string[]>(
    'performance.getEntriesByType("resource").filter((e) => e.initiatorType === "script" || e.name.endsWith(".js")).map((e) => e.name)',
  );
  return [...new Set(urls.filter((url) => url.startsWith(origin) && url.endsWith('.js')))];
}

/** Gzipped bytes of the built files behind those URLs, at zlib's default level (what `compression` uses). */
function gzippedBytes(urls: string[]): number {
  return urls.reduce((sum, url) => sum + gzipSync(readFileSync(join(WEB_DIR, new URL(url).pathname))).length, 0);
}

/** One visit in a fresh context: ms from navigation start to the table, and to both comparison columns filled. */
async function visit(browser: Browser, url: string): Promise<{ table: number; comparisons: number }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    // The page marks the moment its table is on screen (performance.mark('dashboard-table')).
    await page.waitForFunction('performance.getEntriesByName("dashboard-table").length > 0');
    const table = await page.evaluate<number>('performance.getEntriesByName("dashboard-table")[0].startTime');
    if ((await page.locator('#dashboard-table tr[data-row]').count()) !== 12) throw new Error('the table does not have its 12 rows');
    await page.locator('#dashboard-table .loading-cell').first().waitFor({ state: 'detached' });
    const comparisons = await page.evaluate<number>('performance.now()');
    return { table, comparisons };
  } finally {
    await context.close();
  }
}

/** ms from navigation start to the load event of a page with no script. */
async function baseline(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return await page.evaluate<number>('performance.getEntriesByType("navigation")[0].loadEventEnd');
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch {
    const why = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
    if (process.env.CI === 'true') throw new Error(why);
    console.log(`bench:web skipped: ${why}`);
    return;
  }
  console.log(`${machineLine()}\n${await quietLine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-web-'));
  const dataSource = await openDatabase(`sqlite:${join(dir, 'bench.sqlite')}`);
  const server = await startServer({ ...loadConfig({ NODE_ENV: process.env.NODE_ENV, RATE_LIMIT_PER_MINUTE: 'off' }), port: 0 }, dataSource);
  const origin = new URL(server.url).origin;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  let missed = false;
  try {
    await seedDatabase(dataSource);
    const dashboardUrl = `${origin}/dashboards/${SLUG}`;

    // Page weights, from what each page really loads.
    const context = await browser.newContext();
    const page = await context.newPage();
    const weights: Array<[string, string[]]> = [];
    await page.goto(`${origin}/`);
    await page.locator('table.data-table tbody tr').first().waitFor();
    weights.push(['/ (the list)', await scriptsOf(page, origin)]);
    await page.goto(dashboardUrl);
    await page.locator('#dashboard-table tr[data-row]').first().waitFor();
    weights.push([`/dashboards/${SLUG}`, await scriptsOf(page, origin)]);
    await page.goto(`${origin}/indicators/police-uk/all-crime/rate?area=E10000018`);
    await page.locator('figure[data-chart="funnel"] svg[role="img"]').waitFor();
    weights.push(['/indicators/police-uk/all-crime/rate', await scriptsOf(page, origin)]);
    await context.close();
    console.log('\nJavaScript per page, gzipped (the files the browser loaded):');
    for (const [name, urls] of weights) {
      const kb = gzippedBytes(urls) / 1024;
      console.log(`  ${name.padEnd(44)} ${kb.toFixed(1).padStart(6)} KB in ${urls.length} file${urls.length === 1 ? '' : 's'}`);
    }
    const dashboardKb = gzippedBytes(weights[1][1]) / 1024;
    const weightMet = dashboardKb < GOAL_KB;
    console.log(`  goal: dashboard page under ${GOAL_KB} KB: ${weightMet ? 'met' : 'MISSED'} (${(dashboardKb / GOAL_KB).toFixed(2)} of the budget)`);

    // Times. The first visit finds a server that has computed nothing; the rest are answered from its response cache.
    const first = await visit(browser, dashboardUrl);
    const visits: Array<{ table: number; comparisons: number }> = [];
    const floors: number[] = [];
    for (let i = 0; i < VISITS; i++) {
      floors.push(await baseline(browser, `${origin}/health`));
      visits.push(await visit(browser, dashboardUrl));
    }
    const floor = median(floors);
    const table = median(visits.map((v) => v.table));
    const comparisons = median(visits.map((v) => v.comparisons));
    console.log(`\nTime on loopback, fresh browser context each visit, median of ${VISITS}:`);
    console.log(`  baseline: /health, a page with no script          ${floor.toFixed(0).padStart(6)} ms`);
    console.log(`  dashboard table shown (12 rows)                    ${table.toFixed(0).padStart(6)} ms  ${(table / floor).toFixed(1).padStart(5)}x baseline`);
    console.log(`  both comparison columns filled                     ${comparisons.toFixed(0).padStart(6)} ms  ${(comparisons / floor).toFixed(1).padStart(5)}x baseline`);
    console.log(`  first visit to a fresh server: table ${first.table.toFixed(0)} ms, comparisons ${first.comparisons.toFixed(0)} ms`);
    const timeMet = table < GOAL_MS;
    console.log(`  goal: table under ${GOAL_MS} ms: ${timeMet ? 'met' : 'MISSED'}`);
    missed = !weightMet || !timeMet;
  } finally {
    await browser.close();
    await server.stop();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  if (missed && !SMOKE) process.exitCode = EXIT_GOAL_MISSED;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = EXIT_BROKEN;
});
