/**
 * The web view (web/app, served by src/web.ts) in headless Chromium against a started server with
 * the seed and the police.uk counts: the dashboard list, the 2014/15 dashboard exactly as printed
 * with the computed judgements beside it, the police.uk dashboard's comparison columns, an
 * indicator page's charts and CSV downloads, the print layout, and a page on another origin that
 * queries the API. Every page: nothing leaves the origin, no console errors, nothing serious for
 * axe-core, and a screenshot in build/test-output/screenshots/ (test/support/browser.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../src/server';
import { Browser, browserSkipReason, launchBrowser, SCREENSHOTS, WatchedPage } from '../support/browser';
import { testDatabaseKind } from '../support/database';
import { serveTestDatabase } from '../support/server';
import { ReferenceData } from '../../src/services/reference-data';
import { writeAccess } from '../../src/services/publishing/access';
import { draftDashboard } from '../../src/services/publishing/dashboards';
import { setValues } from '../../src/services/publishing/values';

const SLUG = 'safer-communities-2014-15-q2';
const POLICE_SLUG = 'crime-in-leicestershire-police-uk';

/**
 * The 2014/15 table as printed (seeds/safer-communities-dashboard-2014-15-q2.txt): each row's
 * Previous Year value, and its Latest Data value with the period the dashboard gives it (the
 * column's "12 months to Sept 2014" unless the cell states another).
 */
const PRINTED: Array<[indicator: string, previous: string, latest: [string, string] | null]> = [
  ['Total Crime rate', '47.18', ['45.91', '12 months to Sept 2014']],
  ['Domestic Burglary rate', '3.44', null],
  ['Vehicle Crime rate', '5.72', null],
  ['Violence with Injury rate', '3.58', null],
  ['% Reduction in offending by IOM & PPO Offenders', '38.9%', ['55.7%', 'Q2 2014-15']],
  ['Rate of re-offending by young offenders', '1.04', ['0.33', 'Apr-Jun 2014']],
  ['Number of first time entrants', '212', ['244', 'Oct 2013 - Sep 2014']],
  ['% of domestic violence cases reviewed at MIARAC', '21%', ['27%', '12 months to Sept 2014']],
  ['Number of referrals to domestic abuse services', '1,259', ['713', 'Apr-Sept 2014']],
  ['Reported hate incidents', '0.64', ['0.60', '12 months to Sept 2014']],
  ['% of people stating that they have been a victim of anti-social behaviour', '7.7%', ['7.0%', '12 months to Sept 2014']],
  ['% of people stating that they feel that the police', '79.0%', ['82.5%', '12 months to Sept 2014']],
];

/** Each outcome's Overall Progress RAG, arrow and Progress as printed. */
const PRINTED_OUTCOMES = [
  { rag: 'GREEN', arrow: '↑', direction: 'IMPROVING', progress: 'GREEN' },
  { rag: 'GREEN', arrow: '↑', direction: 'IMPROVING', progress: 'GREEN' },
  { rag: 'AMBER', arrow: '↓', direction: 'WORSENING', progress: 'AMBER' },
  { rag: 'GREEN', arrow: '↑', direction: 'IMPROVING', progress: 'GREEN' },
];

const text = (page: Page, selector: string): Promise<string[]> =>
  page.locator(selector).evaluateAll((elements) => elements.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));

/** What the page functions below use of the DOM (the tests compile without the DOM library). */
interface Node {
  querySelectorAll(selector: string): ArrayLike<Node>;
  textContent: string | null;
  id?: string;
}

/** The rows of a table as a reader sees them: header row first, every cell's text. */
function tableCells(page: Page, table: string): Promise<string[][]> {
  return page.locator(table).first().evaluate((element) =>
    Array.from((element as unknown as Node).querySelectorAll('tr')).map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

/** The focused element's id and text. */
const focused = (page: Page): Promise<{ id: string; text: string }> =>
  page.evaluate<{ id: string; text: string }>('({ id: document.activeElement?.id ?? "", text: document.activeElement?.textContent ?? "" })');

/** Clicks a CSV button and parses the file the browser saves. */
async function downloadCsv(page: Page, button: string): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  const file = await download.path();
  assert.ok(file, 'the download was saved');
  const content = readFileSync(file, 'utf8');
  assert.ok(content.startsWith('\uFEFF'), 'the CSV starts with a byte-order mark, so Excel reads it as UTF-8');
  return parse(content.slice(1), { relax_column_count: false }) as string[][];
}

describe('the web view in Chromium', { skip: browserSkipReason() }, () => {
  const kind = testDatabaseKind();
  let server: RunningServer;
  let origin: string;
  let stop: () => Promise<void>;
  let browser: Browser;
  let watched: WatchedPage;

  before(async () => {
    ({ server, origin, stop } = await serveTestDatabase({ policeUk: true }));
    browser = await launchBrowser();
    watched = await browser.open(origin);
  });
  after(async () => {
    await browser?.close();
    await stop?.();
  });

  test('/ lists every dashboard with its area and period', async () => {
    const { page } = watched;
    await page.goto(`${origin}/`);
    await page.locator('table.data-table tbody tr').nth(1).waitFor();
    const rows = await tableCells(page, 'table.data-table');
    assert.deepEqual(rows[0], ['Dashboard', 'Status', 'Area', 'Period', 'Latest data', 'Outcomes', 'Id']);
    assert.deepEqual(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[6]]), [
      ['Crime in Leicestershire (police.uk)', 'Published', 'Leicestershire', '12 months to Oct 2022', POLICE_SLUG],
      ['Safer Communities Performance Dashboard', 'Published', 'Leicestershire', 'Q2 2014-15', SLUG],
    ]);
    assert.equal(await page.title(), 'Dashboards · Safer Communities dashboards');
    await watched.checkAndCapture(`web-home-${kind}`);
  });

  test('the 2014/15 dashboard shows every published value with its period, and each outcome\'s RAG and arrow', async () => {
    const { page } = watched;
    await page.getByRole('link', { name: 'Safer Communities Performance Dashboard' }).click();
    await page.locator('#dashboard-table tr[data-row]').nth(11).waitFor();
    assert.equal(new URL(page.url()).pathname, `/dashboards/${SLUG}`);
    const rows = page.locator('#dashboard-table tr[data-row]');
    assert.equal(await rows.count(), PRINTED.length);
    for (const [i, [indicator, previous, latest]] of PRINTED.entries()) {
      const row = rows.nth(i);
      assert.ok((await row.locator('.indicator-name').textContent())?.includes(indicator), `row ${i + 1} is ${indicator}`);
      assert.equal((await row.locator('.previous .value').textContent())?.trim(), previous, `${indicator}: Previous Year`);
      assert.equal((await row.locator('.previous .period').textContent())?.trim(), '2013-14', `${indicator}: Previous Year period`);
      if (latest) {
        assert.equal((await row.locator('.latest .value').textContent())?.trim(), latest[0], `${indicator}: Latest Data`);
        assert.equal((await row.locator('.latest .period').textContent())?.trim(), latest[1], `${indicator}: Latest Data period`);
      } else {
        assert.equal((await row.locator('.latest').textContent())?.trim(), 'Not shown', `${indicator}: no Latest Data was printed`);
      }
    }
    const outcomes = page.locator('#dashboard-table tbody[data-outcome]');
    assert.equal(await outcomes.count(), PRINTED_OUTCOMES.length);
    for (const [i, printed] of PRINTED_OUTCOMES.entries()) {
      const outcome = outcomes.nth(i);
      assert.equal(await outcome.locator('.rag-cell .published [data-rag]').first().getAttribute('data-rag'), printed.rag, `outcome ${i + 1} RAG`);
      assert.match((await outcome.locator('.rag-cell .published').first().textContent()) ?? '', /Green|Amber/, 'the RAG is written, not only coloured');
      const direction = outcome.locator('.direction-cell .published [data-direction]');
      assert.equal(await direction.getAttribute('data-direction'), printed.direction, `outcome ${i + 1} arrow`);
      assert.ok((await direction.textContent())?.includes(printed.arrow), `outcome ${i + 1} shows ${printed.arrow}`);
      assert.equal(await outcome.locator('.rag-cell').nth(1).locator('[data-rag]').getAttribute('data-rag'), printed.progress, `outcome ${i + 1} Progress`);
    }
    // The 27%/21% conflict, numbered beside the 21% and written under the table.
    const note = await page.locator('tr[data-row$="/marac-repeat-cases"] .previous .note-ref a').getAttribute('href');
    assert.ok(note, 'the 21% carries a note');
    assert.match((await page.locator(note).textContent()) ?? '', /27%.*21%/);
  });

  test('beside it, the computed judgements, with a mark where they disagree and the explanation on focus', async () => {
    const { page } = watched;
    for (const row of await page.locator('#dashboard-table tr[data-row]').all()) {
      assert.match((await row.locator('.data-says [data-direction]').first().textContent()) ?? '', /Improving|Worsening|No change|Increasing|Decreasing|Not comparable|No data/);
      assert.ok(await row.locator('.data-says [data-rag]').count() === 1, 'each row has a computed RAG');
    }
    // Outcome 3 was published Amber ↓; the data says otherwise, and the page marks both.
    const third = page.locator('#dashboard-table tbody[data-outcome="3"]');
    assert.equal(await third.locator('.judgement.disagrees').count(), 2);
    const trigger = third.locator('.rag-cell .judgement.disagrees .judgement-trigger');
    const tooltip = page.locator(`[id="${await trigger.getAttribute('aria-describedby')}"]`);
    assert.equal(await tooltip.isVisible(), false);
    await trigger.focus();
    assert.equal(await tooltip.isVisible(), true, 'the explanation shows on keyboard focus');
    assert.ok(((await tooltip.textContent()) ?? '').length > 20);
    // The comparison columns fill in; for 2014/15 there is nothing to compare with, and each cell
    // says why in a numbered note under the table.
    await page.locator('#dashboard-table .loading-cell').first().waitFor({ state: 'detached' });
    const cells = await page.locator('#dashboard-table .district-comparison, #dashboard-table .county-comparison').all();
    assert.equal(cells.length, PRINTED.length * 2);
    for (const cell of cells) {
      assert.match((await cell.textContent()) ?? '', /^Not compared\d+$/);
      const reason = await page.locator((await cell.locator('.note-ref a').getAttribute('href')) ?? '#none').textContent();
      assert.match(reason ?? '', /Not compared|none has a value|no member|is a count/i);
    }
    // The narrative opens the page, and says where the data disagree with what was published.
    assert.match((await page.locator('[data-narrative]').textContent()) ?? '', /outcome 3 was published Amber, ↓ worsening but the data say Green, ↑ improving/);
    assert.equal(await page.locator('#dashboard-table [data-flag]').count(), PRINTED.length, 'each row shows its flag');
    await watched.checkAndCapture(`web-dashboard-${kind}`);
  });

  test('the dashboard CSV holds what the table shows', async () => {
    const { page } = watched;
    const csv = await downloadCsv(page, 'button[data-csv$=".csv"] >> text=Download the dashboard as CSV');
    const header = csv[0];
    const column = (name: string) => {
      const index = header.findIndex((h) => h.startsWith(name));
      assert.ok(index >= 0, `the CSV has a ${name} column`);
      return index;
    };
    assert.equal(csv.length, PRINTED.length + 1);
    for (const [i, [, previous, latest]] of PRINTED.entries()) {
      const line = csv[i + 1];
      assert.equal(line[column('Previous Year (')], previous);
      assert.equal(line[column('Previous Year period')], '2013-14');
      assert.equal(line[column('Latest Data (')], latest ? latest[0] : '');
      assert.equal(line[column('Latest Data period')], latest ? latest[1] : '');
    }
    assert.deepEqual(csv.slice(1).map((line) => line[column('Overall Progress RAG (published)')]), ['GREEN', 'GREEN', 'GREEN', 'GREEN', 'GREEN', 'GREEN', 'GREEN', 'AMBER', 'AMBER', 'AMBER', 'GREEN', 'GREEN']);
  });

  test('printed, the dashboard is laid out on A4 landscape without the site\'s navigation', async () => {
    const { page } = watched;
    await page.emulateMedia({ media: 'print' });
    try {
      assert.equal(await page.locator('.site-header').isVisible(), false);
      assert.equal(await page.locator('.actions').isVisible(), false);
      assert.equal(await page.locator('#dashboard-table').isVisible(), true);
      mkdirSync(SCREENSHOTS, { recursive: true });
      const pdf = await page.pdf({ path: join(SCREENSHOTS, `web-dashboard-print-${kind}.pdf`), preferCSSPageSize: true, printBackground: true });
      const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
      assert.ok(boxes.length >= 1 && boxes.length <= 3, `the 2014/15 dashboard prints on 1 to 3 pages (got ${boxes.length})`);
      for (const [, width, height] of boxes) {
        assert.ok(Math.abs(Number(width) - 841.89) < 1 && Math.abs(Number(height) - 595.28) < 1, `A4 landscape (got ${width} x ${height})`);
      }
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  test('the keyboard reaches the skip link first, and it moves focus to the content', async () => {
    const { page } = watched;
    await page.goto(`${origin}/dashboards/${SLUG}`);
    await page.locator('#dashboard-table').waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).id, 'main');
  });

  test('on the police.uk dashboard, the District Comparison column has an outcome for each district', async () => {
    const { page } = watched;
    await page.goto(`${origin}/dashboards/${POLICE_SLUG}`);
    await page.locator('#dashboard-table tr[data-row]').first().waitFor();
    await page.locator('#dashboard-table .loading-cell').first().waitFor({ state: 'detached' });
    const districts = ['E07000129', 'E07000130', 'E07000131', 'E07000132', 'E07000133', 'E07000134', 'E07000135'];
    const rows = await page.locator('#dashboard-table tr[data-row]').all();
    assert.equal(rows.length, 6);
    for (const row of rows) {
      const members = await row.locator('.district-comparison li[data-area]').evaluateAll((items) =>
        items.map((item) => [item.getAttribute('data-area'), item.getAttribute('data-outcome')]));
      assert.deepEqual(members.map(([area]) => area).sort(), districts, `${await row.getAttribute('data-row')}: every district`);
      for (const [area, outcome] of members) assert.match(outcome ?? '', /^(BETTER|SIMILAR|WORSE)$/, `${area} has an outcome`);
      assert.match((await row.locator('.county-comparison [data-outcome]').getAttribute('data-outcome')) ?? '', /^(BETTER|SIMILAR|WORSE)$/);
      assert.match((await row.locator('.data-says [data-flag]').getAttribute('data-flag')) ?? '', /^(RED_RED|WORSE_NOT_WORSENING|WORSENING_NOT_WORSE|NONE)$/, 'each row shows its flag');
    }
    // The page opens with the narrative, exactly as the API writes it.
    const api = await (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ dashboard(slug: "${POLICE_SLUG}") { narrative } }` }) })).json() as { data: { dashboard: { narrative: string } } };
    assert.equal(await page.locator('[data-narrative]').textContent(), api.data.dashboard.narrative);
    assert.match(api.data.dashboard.narrative, /^Crime in Leicestershire \(police\.uk\), Leicestershire, /);
    await watched.checkAndCapture(`web-dashboard-police-uk-${kind}`);
  });

  test('an indicator page draws its three charts with text alternatives, and each CSV matches its table', async () => {
    const { page } = watched;
    await page.locator('#dashboard-table tr[data-row] .indicator-name a').first().click();
    assert.equal(new URL(page.url()).pathname, '/indicators/police-uk/all-crime/rate');
    for (const chart of ['series', 'districts', 'funnel']) {
      const svg = page.locator(`figure[data-chart="${chart}"] svg[role="img"]`).first();
      await svg.waitFor();
      assert.ok(((await svg.getAttribute('aria-label')) ?? '').length > 40, `the ${chart} chart has a text alternative`);
      assert.ok(((await page.locator(`figure[data-chart="${chart}"] figcaption`).textContent()) ?? '').length > 20);
    }
    assert.match((await page.locator('.trend').textContent()) ?? '', /Recent trend: /);
    // The funnel draws four limit lines around the average, and a point for each of the 9 counties.
    assert.ok(await page.locator('figure[data-chart="funnel"] path').count() >= 4);
    const tables = page.locator('.indicator-section .table-block');
    assert.equal(await tables.count(), 3);
    for (let i = 0; i < 3; i++) {
        const shown = await tableCells(page, `.indicator-section .table-block >> nth=${i} >> table`);
      const csv = await downloadCsv(page, `.indicator-section .table-block >> nth=${i} >> button.download`);
      assert.deepEqual(csv, shown, `table ${i + 1}: the CSV holds the same numbers`);
      assert.ok(csv.length > 5);
    }
    // The funnel draws both sets of limits; the switch chooses which judge the counties.
    const judged = await page.locator('[data-peers-explanation]').textContent();
    assert.ok(await page.locator('figure[data-chart="funnel"] path').count() >= 6, 'four limit lines and the other funnel\'s two');
    await page.getByRole('radio', { name: 'Chance alone' }).check();
    await page.locator('[data-peers-explanation]', { hasNotText: judged ?? '' }).waitFor();
    assert.notEqual(await page.locator('[data-peers-explanation]').textContent(), judged);
    await watched.checkAndCapture(`web-indicator-chance-only-${kind}`);
    await page.getByRole('radio', { name: /Allowing for the spread between areas/ }).check();
    await watched.checkAndCapture(`web-indicator-${kind}`);
  });

  test('an indicator of the 2014/15 dashboard says why there are no district or peer comparisons', async () => {
    const { page } = watched;
    await page.goto(`${origin}/indicators/safer-communities/total-crime-rate`);
    await page.locator('figure[data-chart="series"] svg').waitFor();
    await page.locator('#districts ~ p, #districts + p').first().waitFor();
    const sections = await text(page, '.indicator-section');
    assert.match(sections[1], /7 districts of Leicestershire/);
    assert.match(sections[2], /Not compared/);
    // Too short for a recent trend: the reason is said once, in plain words.
    const trend = (await page.locator('.trend').textContent()) ?? '';
    assert.match(trend, /^The recent trend cannot be calculated: needs 5 consecutive non-overlapping points; found 1\./);
    assert.equal(trend.split('needs 5 consecutive').length, 2, `said once: ${trend}`);
    await watched.checkAndCapture(`web-indicator-2014-15-${kind}`);
  });
});

describe('the web view with a partner\'s API key', { skip: browserSkipReason() }, () => {
  const kind = testDatabaseKind();
  const Q3 = 'safer-communities-2014-15-q3';
  let origin: string;
  let stop: () => Promise<void>;
  let tokens: Record<'police' | 'blaby', string>;
  let browser: Browser;
  let watched: WatchedPage;

  before(async () => {
    ({ origin, stop, tokens } = await serveTestDatabase({
      keys: {
        police: { name: 'Leicestershire Police', role: 'EDITOR', areas: ['E10000018'] },
        blaby: { name: 'Blaby District Council', role: 'EDITOR', areas: ['E07000129'] },
      },
      // The police draft Q3 and supply its total crime rate: a draft, and a figure nobody else may see yet.
      prepare: async (db) => {
        const { geography } = await ReferenceData.load(db.dataSource);
        const police = writeAccess({ id: 'k-police', name: 'Leicestershire Police', role: 'EDITOR', areas: ['E10000018'] }, geography);
        assert.deepEqual((await draftDashboard(db.dataSource, police, { from: SLUG, period: 'Q3 2014-15' })).problems, []);
        assert.deepEqual((await setValues(db.dataSource, police, [{ indicator: 'safer-communities/total-crime-rate', area: 'E10000018', period: '12 months to Dec 2014', value: 45.02 }])).problems, []);
      },
    }));
    browser = await launchBrowser();
    watched = await browser.open(origin);
  });
  after(async () => {
    await browser?.close();
    await stop?.();
  });

  const slugs = async (page: Page): Promise<string[]> => {
    await page.locator('table.data-table tbody tr').first().waitFor();
    return (await tableCells(page, 'table.data-table')).slice(1).map((row) => `${row[6]} ${row[1]}`);
  };

  test('without a key, the draft is nowhere; a key that is not one is refused and not kept', async () => {
    const { page } = watched;
    await page.goto(`${origin}/`);
    assert.deepEqual(await slugs(page), [`${SLUG} Published`]);
    await page.goto(`${origin}/dashboards/${Q3}`);
    await page.getByText('There is no dashboard').or(page.getByText('not found', { exact: false })).first().waitFor();
    await page.getByRole('link', { name: 'API key', exact: true }).click();
    await page.getByLabel('API key').fill('sck_nobody_123');
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByRole('alert').filter({ hasText: 'The API did not accept this key' }).waitFor();
    assert.equal(await page.evaluate('sessionStorage.length'), 0);
    // The browser logs the refusal's 401 itself; it is what this step is about.
    watched.expectProblems(/status of 401 \(Unauthorized\)/);
    watched.assertClean();
  });

  test('with the police\'s key, the list and the draft show, with its unpublished figure marked; removing the key hides them again', async () => {
    const { page } = watched;
    await page.getByLabel('API key').fill(tokens.police);
    await page.getByRole('button', { name: 'Use this key' }).click();
    assert.equal(await page.locator('[data-key-name]').textContent(), 'Leicestershire Police');
    assert.equal(await page.locator('[data-key-state]').getAttribute('data-key-state'), 'in-use');
    await page.getByRole('link', { name: 'See the dashboards it reads' }).click();
    assert.deepEqual(await slugs(page), [`${SLUG} Published`, `${Q3} Draft`]);
    await page.getByRole('link', { name: 'Safer Communities Performance Dashboard' }).last().click();
    await page.locator('[data-draft]').waitFor();
    assert.equal(new URL(page.url()).pathname, `/dashboards/${Q3}`);
    const first = page.locator('#dashboard-table tr[data-row]').first();
    await first.waitFor();
    assert.match((await first.locator('.value-cell').nth(1).textContent()) ?? '', /^45\.02\s*2014\s*Unpublished$/);
    assert.equal(await first.locator('[data-embargo]').getAttribute('data-embargo'), Q3);
    await watched.checkAndCapture(`web-draft-with-key-${kind}`);
    // Wherever the figure travels, it says it is unpublished: the dashboard's CSV (named as a draft) and the indicator page's table and CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.actions button.download').first().click()]);
    assert.equal(download.suggestedFilename(), `${Q3}-draft.csv`);
    const dashboardCsv = await downloadCsv(page, '.actions button.download');
    assert.equal(dashboardCsv[1][dashboardCsv[0].indexOf('Unpublished')], `Unpublished: waits for ${Q3}`);
    await first.locator('.indicator-name a').click();
    await page.locator('figure[data-chart="series"] svg').waitFor();
    const series = await tableCells(page, '.indicator-section .table-block >> nth=0 >> table');
    const unpublished = series[0].indexOf('Unpublished');
    assert.deepEqual(series.slice(1).filter((row) => row[unpublished] === 'Unpublished').map((row) => row[0]), ['2014'], 'only the Q3 figure is marked');
    const seriesCsv = await downloadCsv(page, '.indicator-section .table-block >> nth=0 >> button.download');
    assert.deepEqual(seriesCsv.filter((row) => row[unpublished] !== '').map((row) => row[unpublished]), ['Unpublished', `Unpublished: waits for ${Q3}`]);

    // The key is sent with every request; without it, the draft is gone on the next look.
    await page.getByRole('link', { name: 'API key in use' }).click();
    await page.getByRole('button', { name: 'Stop using this key' }).click();
    await page.getByLabel('API key').waitFor();
    await page.goto(`${origin}/`);
    assert.deepEqual(await slugs(page), [`${SLUG} Published`]);
  });

  test('a district\'s key reads neither the county\'s draft nor its figure', async () => {
    const { page } = watched;
    await page.goto(`${origin}/key`);
    await page.getByLabel('API key').fill(tokens.blaby);
    await page.getByRole('button', { name: 'Use this key' }).click();
    assert.equal(await page.locator('[data-key-name]').textContent(), 'Blaby District Council');
    await page.goto(`${origin}/`);
    assert.deepEqual(await slugs(page), [`${SLUG} Published`]);
    await page.goto(`${origin}/indicators/safer-communities/total-crime-rate`);
    await page.locator('figure[data-chart="series"] svg').waitFor();
    assert.ok(!(await tableCells(page, '.indicator-section .table-block >> nth=0 >> table')).some((row) => row.includes('45.02')), 'the county\'s Q3 figure is not in its series');
    watched.assertClean();
  });
});

describe('the web view on a server that answers only requests with a key (PUBLIC_READ=off)', { skip: browserSkipReason() }, () => {
  let origin: string;
  let stop: () => Promise<void>;
  let tokens: Record<'viewer', string>;
  let browser: Browser;
  let watched: WatchedPage;

  before(async () => {
    ({ origin, stop, tokens } = await serveTestDatabase({ env: { PUBLIC_READ: 'off' }, keys: { viewer: { name: 'County analyst', role: 'VIEWER', areas: [] } } }));
    browser = await launchBrowser();
    watched = await browser.open(origin);
  });
  after(async () => {
    await browser?.close();
    await stop?.();
  });

  test('the list says a key is needed and links to where to give one; with it, the dashboards show', async () => {
    const { page } = watched;
    await page.goto(`${origin}/`);
    const problem = page.getByRole('alert');
    await problem.waitFor();
    assert.match((await problem.textContent()) ?? '', /answers only requests with an API key.*Give an API key\./);
    watched.expectProblems(/status of 401 \(Unauthorized\)/);
    await problem.getByRole('link', { name: 'Give an API key' }).click();
    await page.getByLabel('API key').fill(tokens.viewer);
    await page.getByRole('button', { name: 'Use this key' }).click();
    assert.equal(await page.locator('[data-key-name]').textContent(), 'County analyst');
    await page.getByRole('link', { name: 'See the dashboards it reads' }).click();
    await page.locator('table.data-table tbody tr').first().waitFor();
    assert.deepEqual((await tableCells(page, 'table.data-table')).slice(1).map((row) => row[6]), [SLUG]);
    watched.assertClean();
  });
});

describe('a page on another origin', { skip: browserSkipReason() }, () => {
  let api: RunningServer;
  let stop: () => Promise<void>;
  let site: http.Server;
  let browser: Browser;

  before(async () => {
    // A partner's real key: the server refuses any other with a 401.
    let token: string;
    ({ server: api, stop, tokens: { token } } = await serveTestDatabase({ keys: { token: { name: 'Partner page', role: 'VIEWER', areas: [] } } }));
    // A partner's page, served from 127.0.0.1 while the API is on localhost: another origin.
    site = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner page</title><link rel="icon" href="data:,"></head>
<body><main><h1>Partner page</h1><p id="out">waiting</p></main>
<script>
fetch(${JSON.stringify(api.url)}, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: ${JSON.stringify(`Bearer ${token}`)} },
  body: JSON.stringify({ query: 'query Title($slug: String!) { dashboard(slug: $slug) { title } }', variables: { slug: ${JSON.stringify(SLUG)} } }),
}).then((r) => r.json()).then((body) => { document.getElementById('out').textContent = body.data.dashboard.title; },
  (error) => { document.getElementById('out').textContent = 'failed: ' + error; });
</script></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await stop?.();
  });

  test('queries the API with a preflighted POST and reads the answer', async () => {
    const siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const apiOrigin = new URL(api.url).origin;
    assert.notEqual(siteOrigin, apiOrigin);
    const watched = await browser.open(siteOrigin, [apiOrigin]);
    const { page } = watched;
    const response = page.waitForResponse((r) => r.url() === api.url && r.request().method() === 'POST');
    await page.goto(`${siteOrigin}/`);
    assert.equal((await response).headers()['access-control-allow-origin'], '*');
    await page.locator('#out', { hasText: 'Safer Communities Performance Dashboard' }).waitFor();
    await watched.checkAndCapture(`web-cross-origin-${testDatabaseKind()}`);
  });
});
