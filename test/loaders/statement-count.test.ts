import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute, parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { createContext } from '../../src/context';
import { getSchema } from '../../src/schema';
import { importDashboardFile } from '../../src/import/dashboard.importer';
import { IndicatorCatalogue, readIndicatorCatalogue } from '../../src/import/indicator-catalogue';
import { CountingLogger, openTestDatabase, OpenTestDatabase } from '../support/database';
import { DASHBOARD_FILE, SEEDS } from '../support/paths';

const FULL_DASHBOARD = parse(`
  query Full($slug: String!) {
    dashboard(slug: $slug) {
      id title area { code name } period { key label } previousPeriod { label } latestPeriod { label }
      outcomes {
        id position title benefit
        reported { rag progress arrow direction comment period { label } }
        indicators { id name unit polarity value { value formatted area { name } period { key } } }
        supportingIndicators {
          position
          indicator { id name }
          previousValue { value formatted periodLabel note source area { code name } period { key label } }
          latestValue { value formatted periodLabel note source area { code name } period { key label } }
        }
      }
    }
  }`);

/** A copy of the table with every outcome row repeated `times`, each copy's indicators renamed. */
function enlargedTable(times: number): { file: string; names: Array<[string, string]> } {
  const source = readFileSync(DASHBOARD_FILE, 'utf8');
  const lines = source.split('\n');
  const rows = lines.filter((line) => line.includes('<p>'));
  const names: Array<[string, string]> = [];
  const copies: string[] = [];
  for (let copy = 1; copy <= times; copy++) {
    for (const row of rows) {
      copies.push(row.replace(/<p>([^<]*?) <b>/g, (_whole, name: string) => {
        names.push([name.replace(/&amp;/g, '&'), `${name.replace(/&amp;/g, '&')} (copy ${copy})`]);
        return `<p>${name} (copy ${copy}) <b>`;
      }));
    }
  }
  const first = lines.findIndex((line) => line.includes('<p>'));
  const text = [...lines.slice(0, first), ...copies, ...lines.slice(first + rows.length)].join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'enlarged-')), 'enlarged.txt');
  writeFileSync(file, text);
  return { file, names };
}

describe('SQL statements of the full dashboard query', () => {
  const logger = new CountingLogger();
  let db: OpenTestDatabase;

  before(async () => {
    db = await openTestDatabase({ seed: true, logger });
    const base = readIndicatorCatalogue(join(SEEDS, 'indicator-catalogue.csv'));
    const { file, names } = enlargedTable(3);
    const extra = names.map(([original, copy], i) => ({ ...base.find(original)!, id: `test/copy-${i}`, name: copy }));
    const catalogue = new IndicatorCatalogue('test', extra);
    await importDashboardFile(db.dataSource, file, { catalogue, areaCode: 'E10000018', slug: 'enlarged' });
  });
  after(() => db.close());

  async function countFor(slug: string): Promise<{ statements: number; outcomes: number; indicators: number; values: number }> {
    const context = createContext(db.dataSource, loadConfig({}));
    logger.reset();
    const result = await execute({ schema: await getSchema(), document: FULL_DASHBOARD, variableValues: { slug }, contextValue: context });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const outcomes = (result.data!.dashboard as { outcomes: Array<{ supportingIndicators: Array<{ latestValue: unknown; previousValue: unknown }> }> }).outcomes;
    const rows = outcomes.flatMap((o) => o.supportingIndicators);
    return {
      statements: logger.statements.length,
      outcomes: outcomes.length,
      indicators: rows.length,
      values: rows.filter((r) => r.latestValue).length + rows.filter((r) => r.previousValue).length,
    };
  }

  test('does not grow when the dashboard has three times the outcomes and indicators', async () => {
    const small = await countFor('safer-communities-2014-15-q2');
    const large = await countFor('enlarged');
    assert.deepEqual([small.outcomes, small.indicators, small.values], [4, 12, 21]);
    assert.deepEqual([large.outcomes, large.indicators, large.values], [12, 36, 63]);
    assert.ok(small.statements > 0 && small.statements <= 12, `a handful of statements, got ${small.statements}`);
    assert.equal(large.statements, small.statements, `statements: ${small.statements} for 4 outcomes, ${large.statements} for 12`);
  });
});
