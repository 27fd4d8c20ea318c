/**
 * Headless Chromium for the browser tests: Debian's `chromium` package, driven by playwright-core
 * (Playwright's own browser downloads need the internet; `.ci/run` installs the package).
 * Without it the browser tests skip and say why; under CI=true they fail instead.
 *
 * Every page opened here is watched: each request is recorded and must stay on the server's
 * origin, console errors and uncaught page errors fail the test, axe-core must find nothing
 * serious or critical, and screenshots go to build/test-output/screenshots/.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { PROJECT_ROOT } from './paths';

/** Debian's Chromium; CHROMIUM_PATH names another build of it. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOTS = join(PROJECT_ROOT, 'build', 'test-output', 'screenshots');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function missing(): string {
  return `no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`;
}

/**
 * For `describe(name, { skip: browserSkipReason() })`: why the browser tests cannot run here, or
 * false. Under CI=true a missing browser is not a reason to skip: launching fails and says why.
 */
export function browserSkipReason(): string | false {
  if (isExecutable(CHROMIUM) || process.env.CI === 'true') return false;
  return missing();
}

export interface Browser {
  /**
   * A new page whose requests, console and errors are watched, for a server at `origin`;
   * `alsoAllowed` names other origins it may call (the API, for a page on another site).
   */
  open(origin: string, alsoAllowed?: string[]): Promise<WatchedPage>;
  close(): Promise<void>;
}

/** Chromium with a fresh profile, removed again by close(). */
export async function launchBrowser(): Promise<Browser> {
  if (!isExecutable(CHROMIUM)) assert.fail(`${missing()} (CI=true, so this is a failure rather than a skip)`);
  const profile = mkdtempSync(join(tmpdir(), 'sc-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 800 },
      timeout: 60_000,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    open: (origin, alsoAllowed = []) => WatchedPage.open(context, origin, alsoAllowed),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export class WatchedPage {
  /** Every URL the page (and its workers) asked for, in order. */
  readonly requests: string[] = [];
  /** Console errors, uncaught errors, failed requests and requests to other origins. */
  readonly problems: string[] = [];
  /** How many times the page has moved to another URL (a load or the app's own routing). */
  private navigations = 0;
  /** Requests the browser gave up (net::ERR_ABORTED), with how many moves had happened when each began. */
  private readonly aborted: Array<{ url: string; startedAfter: number }> = [];
  private readonly started = new WeakMap<object, number>();

  private constructor(readonly page: Page, readonly origin: string) {}

  static async open(context: BrowserContext, origin: string, alsoAllowed: string[] = []): Promise<WatchedPage> {
    const page = await context.newPage();
    const watched = new WatchedPage(page, origin);
    page.setDefaultTimeout(60_000);
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) watched.navigations += 1;
    });
    // On the context, so that requests from Monaco's web workers are seen too; but only this
    // page's (another page of the same browser has its own watcher).
    const ours = (request: Request): boolean => {
      try {
        return request.frame().page() === page;
      } catch {
        return true; // a service worker's request has no frame: count it
      }
    };
    context.on('request', (request) => {
      if (!ours(request)) return;
      const url = request.url();
      watched.started.set(request, watched.navigations);
      watched.requests.push(`${request.method()} ${url}`);
      // data: and blob: URLs never leave the browser.
      if (!/^(data|blob):/.test(url) && new URL(url).origin !== origin && !alsoAllowed.includes(new URL(url).origin)) watched.problems.push(`request to another origin: ${request.method()} ${url}`);
    });
    context.on('requestfailed', (request) => {
      if (!ours(request)) return;
      const reason = request.failure()?.errorText;
      // Decided in assertClean, once every navigation event has arrived: see there.
      if (reason === 'net::ERR_ABORTED') watched.aborted.push({ url: request.url(), startedAfter: watched.started.get(request) ?? watched.navigations });
      else watched.problems.push(`request failed: ${request.url()} (${reason})`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') watched.problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => watched.problems.push(`uncaught error: ${error.stack ?? error.message}`));
    return watched;
  }

  /**
   * Fails with everything that went wrong so far: other origins, console errors, page errors,
   * failed requests. A request aborted because the page then moved on (a test going to the next
   * page while the last one's deferred comparisons were still loading) is what leaving a page
   * does, not a fault; one aborted while the page stayed where it was is a problem (a view asking
   * twice and cancelling itself).
   */
  assertClean(): void {
    const abortedInPlace = this.aborted
      .filter((request) => request.startedAfter === this.navigations)
      .map((request) => `request aborted with no navigation after it: ${request.url}`);
    assert.deepEqual([...this.problems, ...abortedInPlace], [], `the page at ${this.page.url()} had problems`);
  }

  /** Fails on any serious or critical axe-core violation, naming the rule and the elements. */
  async assertAccessible(label: string): Promise<void> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    const severe = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.help}: ${violation.nodes.slice(0, 5).map((node) => node.target.join(' ')).join(', ')}`);
    assert.deepEqual(severe, [], `axe-core on ${label}`);
  }

  /**
   * For a step whose point is a refusal (a key the API does not accept): the problems it was
   * expected to log, which must be there, are taken off the list; anything else stays.
   */
  expectProblems(pattern: RegExp): void {
    const expected = this.problems.filter((problem) => pattern.test(problem));
    assert.ok(expected.length > 0, `expected a problem matching ${pattern}; there were: ${JSON.stringify(this.problems)}`);
    for (const problem of expected) this.problems.splice(this.problems.indexOf(problem), 1);
  }

  /** Saves build/test-output/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /**
   * Every check this helper owns, in one call for the end of each step: nothing left the origin,
   * nothing logged an error, axe found nothing severe; then a screenshot for a human to look at.
   */
  async checkAndCapture(name: string): Promise<void> {
    await this.screenshot(name);
    this.assertClean();
    await this.assertAccessible(name);
  }
}
