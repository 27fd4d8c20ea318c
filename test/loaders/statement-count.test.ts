import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute, parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { contextFor } from '../../src/context';
import { getSchema } from '../../src/schema';
import { importDashboardFile } from '../../src/import/dashboard.importer';
import { IndicatorCatalogue, readIndicatorCatalogue } from '../../src/import/indicator-catalogue';
import { writeAreaGroups } from '../../src/import/areas.importer';
import { AreaGroup, AreaGroupMember } from '../../src/entities';
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
    const context = await contextFor(db.dataSource, loadConfig({}));
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

describe('SQL statements of group comparisons', () => {
  const logger = new CountingLogger();
  let db: OpenTestDatabase;

  before(async () => {
    db = await openTestDatabase({ seed: true, policeUk: true, logger });
    await db.dataSource.transaction((manager) => writeAreaGroups(manager, {
      groups: [Object.assign(new AreaGroup(), { id: 'three', name: 'Three counties', description: null })],
      members: ['E10000018', 'E10000007', 'E10000024'].map((areaCode, i) => Object.assign(new AreaGroupMember(), { groupId: 'three', areaCode, position: i + 1, validFrom: null, validTo: null })),
    }));
  });
  after(() => db.close());

  async function statementsFor(first: number, group: string): Promise<{ statements: number; indicators: number; members: number }> {
    const document = parse(`{ indicators(first: ${first}, search: "police-uk/") { nodes { id
      countyComparison(area: "E10000018", period: "2021-22", group: "${group}") {
        benchmark { value group { name } } subject { rank quartile }
        members { area { name } value { value lowerCI95 upperCI95 numerator denominator } rank quartile outcome level benchmark { lowerLimit upperLimit } explanation } }
      districtComparison(area: "E10000018", period: "2021-22") { members { area { name } value { value } rank outcome } } } } }`);
    logger.reset();
    const result = await execute({ schema: await getSchema(), document, contextValue: await contextFor(db.dataSource, loadConfig({})) });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const nodes = (result.data!.indicators as { nodes: Array<{ countyComparison: { members: unknown[] } }> }).nodes;
    return { statements: logger.statements.length, indicators: nodes.length, members: nodes[0].countyComparison.members.length };
  }

  test('a county comparison of every indicator costs the same statements for 3 members and 2 indicators as for 9 members and 30', async () => {
    const small = await statementsFor(2, 'three');
    const large = await statementsFor(30, 'police-uk-peer-counties');
    assert.deepEqual([small.indicators, small.members], [2, 3]);
    assert.deepEqual([large.indicators, large.members], [30, 9]);
    assert.ok(small.statements <= 20, `a fixed handful of statements, got ${small.statements}`);
    assert.equal(large.statements, small.statements);
  });
});
