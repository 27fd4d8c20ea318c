import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDashboardTable } from '../../src/import/dashboard-table.parser';
import { decodeUtf8, ImportError } from '../../src/import/import-error';
import { DASHBOARD_FILE } from '../support/paths';

const SOURCE = readFileSync(DASHBOARD_FILE, 'utf8');
const parse = (text: string) => parseDashboardTable(text, 'dashboard.txt');

/** Asserts the text is rejected at this line and column, with a message matching `pattern`. */
function assertRejected(text: string, line: number, column: number | undefined, pattern: RegExp): void {
  assert.throws(() => parse(text), (error: unknown) => {
    assert.ok(error instanceof ImportError, `expected an ImportError, got ${error}`);
    assert.equal(error.location.line, line, error.message);
    if (column !== undefined) assert.equal(error.location.column, column, error.message);
    assert.match(error.message, pattern);
    assert.match(error.message, new RegExp(`^dashboard\\.txt:${line}:`));
    return true;
  });
}

describe('parseDashboardTable on the 2014/15 Q2 dashboard', () => {
  const table = parse(SOURCE);

  test('reads the heading, the reporting period and the column periods', () => {
    assert.equal(table.title, 'Safer Communities Performance Dashboard');
    assert.equal(table.heading, 'Appendix - Safer Communities Performance Dashboard 2014/15 Q2');
    assert.equal(table.period.label, 'Q2 2014-15');
    assert.equal(table.previousPeriod.key, '2013-04/2014-03');
    assert.equal(table.previousPeriodPrinted, '2013-14');
    assert.equal(table.latestPeriod.key, '2013-10/2014-09');
    assert.equal(table.latestPeriodPrinted, '12 months to Sept 2014');
  });

  test('reads four outcomes with titles, benefits, RAGs, arrows and comments', () => {
    assert.deepEqual(table.outcomes.map((o) => [o.position, o.rag, o.progress, o.arrow, o.direction]), [
      [1, 'GREEN', 'GREEN', '↑', 'IMPROVING'],
      [2, 'GREEN', 'GREEN', '↑', 'IMPROVING'],
      [3, 'AMBER', 'AMBER', '↓', 'WORSENING'],
      [4, 'GREEN', 'GREEN', '↑', 'IMPROVING'],
    ]);
    assert.equal(table.outcomes[0].title, 'Ongoing reductions in crime');
    assert.equal(table.outcomes[0].benefit, null);
    assert.equal(table.outcomes[1].benefit, 'This will mean fewer people start offending and fewer people re-offend.');
    assert.equal(table.outcomes[3].title, 'Continue to reduce anti-social behaviour, particularly in those areas with the highest levels of incidents with a particular emphasis on information sharing and volunteering opportunities');
    assert.match(table.outcomes[2].comment!, /^Referrals to domestic abuse services have increased/);
    assert.match(table.outcomes[3].comment!, /ASB, Crime & Policing Act is now in place\.$/);
  });

  test('reads twelve supporting indicators with entities decoded', () => {
    const names = table.outcomes.flatMap((o) => o.indicators.map((i) => i.name));
    assert.equal(names.length, 12);
    assert.equal(names[4], '% Reduction in offending by IOM & PPO Offenders');
  });

  test('keeps every value as printed, with its own period', () => {
    const rows = table.outcomes.flatMap((o) => o.indicators).map((i) => [
      i.previous?.printed ?? null, i.latest?.printed ?? null, i.latest?.periodPrinted ?? null, i.latest?.period.key ?? null,
    ]);
    assert.deepEqual(rows, [
      ['47.18', '45.91', '12 months to Sept 2014', '2013-10/2014-09'],
      ['3.44', null, null, null],
      ['5.72', null, null, null],
      ['3.58', null, null, null],
      ['38.9%', '55.7%', 'Q2 2014-15', '2014-07/2014-09'],
      ['1.04', '0.33', 'Apr-Jun 2014', '2014-04/2014-06'],
      ['212', '244', 'Oct 2013 - Sep 2014', '2013-10/2014-09'],
      ['21%', '27%', '12 months to Sept 2014', '2013-10/2014-09'],
      ['1,259', '713', 'Apr-Sept 2014', '2014-04/2014-09'],
      ['0.64', '0.60', '12 months to Sept 2014', '2013-10/2014-09'],
      ['7.7%', '7.0%', '12 months to Sept 2014', '2013-10/2014-09'],
      ['79.0%', '82.5%', '12 months to Sept 2014', '2013-10/2014-09'],
    ]);
    assert.equal(table.outcomes[2].indicators[1].previous!.value, 1259);
    assert.equal(table.outcomes[2].indicators[2].latest!.decimals, 2);
  });

  test('keeps the Previous Year cell over a conflicting bold value, and says so', () => {
    const repeat = table.outcomes[2].indicators[0];
    assert.equal(repeat.previous!.value, 21);
    assert.match(repeat.previousConflict!, /27% in bold .* but 21% in the Previous Year column; 21% is kept as the 2013-14 value/);
    const warning = table.warnings.find((w) => w.message.startsWith('conflict'));
    assert.ok(warning, 'the conflict is a warning');
    assert.equal(warning.location.line, 8);
    assert.equal(table.outcomes.flatMap((o) => o.indicators).filter((i) => i.previousConflict).length, 1);
  });

  test('reports the three missing latest crime values', () => {
    const warning = table.warnings.find((w) => w.message.startsWith('Latest Data gives 1 value for 4 indicators'));
    assert.ok(warning);
    assert.match(warning.message, /Domestic Burglary.*Vehicle Crime.*Violence with Injury.*stored as missing, not zero/);
    assert.equal(table.warnings.length, 2);
  });

  test('every outcome of the shipped table publishes its Overall Progress RAG: none is null, none GREY', () => {
    assert.deepEqual(table.outcomes.map((o) => o.rag), ['GREEN', 'GREEN', 'AMBER', 'GREEN']);
    assert.ok(!table.warnings.some((w) => /Overall Progress RAG/.test(w.message)), 'no warning about a missing RAG');
  });

  test('reads CRLF line endings and a byte-order mark the same', () => {
    const crlf = parse('\uFEFF' + SOURCE.replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf.outcomes.map((o) => o.indicators.map((i) => i.latest?.printed)), table.outcomes.map((o) => o.indicators.map((i) => i.latest?.printed)));
  });
});

describe('parseDashboardTable on a RAG that is not published', () => {
  const lines = SOURCE.split('\n');
  /** The first outcome's row (line 6) with its Overall Progress RAG cell (the second) replaced. */
  const withRag = (cell: string): string => {
    const cells = lines[5].split('\t');
    cells[1] = cell;
    return lines.map((l, i) => (i === 5 ? cells.join('\t') : l)).join('\n');
  };

  test('an empty cell is null, not GREY, with a warning that names the cell', () => {
    const table = parse(withRag(''));
    assert.equal(table.outcomes[0].rag, null);
    assert.equal(table.outcomes[0].progress, 'GREEN', 'the Progress column is read as before');
    const warning = table.warnings.find((w) => /Overall Progress RAG/.test(w.message));
    assert.ok(warning, 'the missing RAG is a warning');
    assert.equal(warning.location.line, 6);
    assert.equal(warning.location.column, lines[5].indexOf('\t') + 2);
    assert.equal(warning.message, 'no Overall Progress RAG is published for this outcome; it is stored as null (not published, which is not GREY)');
  });

  test('a cell that says Grey is the published rating GREY, without a warning', () => {
    for (const cell of ['Grey', '<b>Gray</b>']) {
      const table = parse(withRag(cell));
      assert.equal(table.outcomes[0].rag, 'GREY', cell);
      assert.ok(!table.warnings.some((w) => /Overall Progress RAG/.test(w.message)), cell);
    }
  });

  test('an empty Progress cell is null without a warning', () => {
    const cells = lines[5].split('\t');
    cells[7] = '';
    const table = parse(lines.map((l, i) => (i === 5 ? cells.join('\t') : l)).join('\n'));
    assert.equal(table.outcomes[0].progress, null);
    assert.equal(table.outcomes[0].rag, 'GREEN');
    assert.equal(table.warnings.length, 2, 'only the two warnings of the shipped table');
  });
});

describe('parseDashboardTable rejects damaged tables with line and column', () => {
  const lines = SOURCE.split('\n');
  const replaceLine = (index: number, text: string): string => lines.map((l, i) => (i === index ? text : l)).join('\n');

  test('a file cut in the middle of a row', () => {
    const cut = SOURCE.slice(0, SOURCE.indexOf('<p>Number of referrals') + 20);
    assertRejected(cut, 8, undefined, /expected 10 tab-separated cells as in the header \(line 5\), found 4; is the row cut short\?/);
  });

  test('a file cut between rows', () => {
    const cut = lines.slice(0, 7).join('\n') + '\n';
    assertRejected(cut, 8, undefined, /ends without "This page is intentionally left blank".*truncated/);
  });

  test('a file cut after the heading', () => {
    assertRejected(lines.slice(0, 3).join('\n'), 3, 1, /the header row and outcome rows are missing/);
  });

  test('an empty file', () => {
    assertRejected('\n\n', 1, 1, /the file is empty/);
  });

  test('an unclosed bold tag', () => {
    assertRejected(replaceLine(5, lines[5].replace('<b>47.18</b>', '<b>47.18')), 6, undefined, /<b> is never closed|<\/p> found where <\/b>/);
  });

  test('an unknown RAG', () => {
    const line = lines[5].replace('<b>G</b>', '<b>Q</b>');
    assertRejected(replaceLine(5, line), 6, line.indexOf('<b>Q</b>') + 1, /"Q" is not a RAG rating/);
  });

  test('an unknown arrow', () => {
    const line = lines[5].replace('\t↑\t', '\t?\t');
    assertRejected(replaceLine(5, line), 6, line.indexOf('\t?\t') + 2, /"\?" is not a direction-of-travel arrow/);
  });

  test('a value that is not a number', () => {
    const line = lines[6].replace('0.33 (Apr-Jun 2014)', '0.3x (Apr-Jun 2014)');
    assertRejected(replaceLine(6, line), 7, line.indexOf('x (Apr') + 1, /expected a value such as 45.91/);
  });

  test('a period nobody can read', () => {
    const line = lines[6].replace('(Apr-Jun 2014)', '(Spring 2014)');
    assertRejected(replaceLine(6, line), 7, line.indexOf('Spring') + 1, /"Spring" in "Spring 2014" is not a month/);
  });

  test('an unknown HTML entity', () => {
    const line = lines[6].replace('IOM &amp; PPO', 'IOM &bogus; PPO');
    assertRejected(replaceLine(6, line), 7, line.indexOf('&bogus;') + 1, /unknown HTML entity "&bogus;"/);
  });

  test('more latest values than indicators', () => {
    const line = lines[5].replace('\t45.91\t', '\t45.91 1 2 3 4\t');
    assertRejected(replaceLine(5, line), 6, line.indexOf(' 4\t') + 2, /Latest Data has 5 values but the row has 4 supporting indicators/);
  });

  test('a missing column in the header', () => {
    assertRejected(replaceLine(4, lines[4].replace('Overall Comment', 'Remarks')), 5, 1, /has no "Overall Comment" column/);
  });

  test('text after the closing line', () => {
    assertRejected(SOURCE + '\nmore', 12, 1, /unexpected text after "This page is intentionally left blank"/);
  });

  test('bytes that are not UTF-8', () => {
    const bytes = Buffer.from(SOURCE, 'utf8');
    const at = bytes.indexOf(Buffer.from('Overall crime'));
    bytes[at + 3] = 0xff;
    assert.throws(() => decodeUtf8(bytes, 'dashboard.txt'), (error: unknown) => {
      assert.ok(error instanceof ImportError);
      assert.equal(error.location.line, 6);
      assert.equal(error.location.column, lines[5].indexOf('Overall crime') + 4);
      assert.match(error.message, /byte 0xff is not valid UTF-8/);
      return true;
    });
  });
});
