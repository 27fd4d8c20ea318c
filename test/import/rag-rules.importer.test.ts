import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute, parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { contextFor } from '../../src/context';
import { openDatabase } from '../../src/db/data-source';
import { RagRuleRow } from '../../src/entities';
import { getSchema } from '../../src/schema';
import { openTestDatabase, OpenTestDatabase } from '../support/database';
import { PROJECT_ROOT } from '../support/paths';

const CLI = join(PROJECT_ROOT, 'build', 'src', 'cli', 'import-targets.js');

describe('RAG rules from a tidy CSV', () => {
  let db: OpenTestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'targets-'));
  const run = (file: string) => spawnSync(process.execPath, [CLI, file], { env: { ...process.env, DATABASE_URL: db.database.url }, encoding: 'utf8' });

  before(async () => {
    db = await openTestDatabase({ seed: true });
    await db.dataSource.destroy();
  });
  after(() => db.close());

  test('targets decide the RAG: green on target, amber within tolerance, red beyond; a range for an indicator without polarity', async () => {
    const file = join(dir, 'targets.csv');
    writeFileSync(file, [
      'indicator,area_code,target,target_min,target_max,tolerance,note',
      'safer-communities/total-crime-rate,E10000018,46,,,5,Strategy Board target 2014-15',
      'safer-communities/asb-victims,,6.8,,,5,',
      'safer-communities/asb-dealt-with-confidence,,90,,,5,',
      'safer-communities/marac-repeat-cases,,,28,40,,SafeLives expected range',
    ].join('\n'));
    const result = run(file);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Imported 4 RAG rules .*4 created/);
    assert.match(run(file).stdout, /0 created, 0 updated, 4 unchanged/);

    const dataSource = await openDatabase(db.database.url);
    try {
      const query = parse(`{ dashboard(slug: "safer-communities-2014-15-q2") { outcomes { supportingIndicators { indicator { id } rag { status rule target explanation } } } } }`);
      const data = (await execute({ schema: await getSchema(), document: query, contextValue: await contextFor(dataSource, loadConfig({})) })).data as {
        dashboard: { outcomes: Array<{ supportingIndicators: Array<{ indicator: { id: string }; rag: { status: string; rule: string; target: number | null; explanation: string } }> }> };
      };
      const rags = new Map(data.dashboard.outcomes.flatMap((o) => o.supportingIndicators).map((r) => [r.indicator.id, r.rag]));
      // 45.91 against a target of 46 (lower is better): met.
      assert.equal(rags.get('safer-communities/total-crime-rate')!.status, 'GREEN');
      assert.match(rags.get('safer-communities/total-crime-rate')!.rule, /target 46.* 5% tolerance.*Strategy Board target/);
      // 7.0% against 6.8% (lower is better): 2.9% over, within 5%.
      assert.equal(rags.get('safer-communities/asb-victims')!.status, 'AMBER');
      // 82.5% against 90% (higher is better): 8.3% short, beyond 5%.
      assert.equal(rags.get('safer-communities/asb-dealt-with-confidence')!.status, 'RED');
      // 27% against the range 28-40%: 3.6% below the bound, within 5%.
      assert.equal(rags.get('safer-communities/marac-repeat-cases')!.status, 'AMBER');
      // No rule: by direction of travel (0.64 → 0.60, lower is better).
      assert.match(rags.get('safer-communities/hate-incidents-rate')!.rule, /direction of travel/);
      assert.equal(rags.get('safer-communities/hate-incidents-rate')!.status, 'GREEN');
      assert.equal(await dataSource.getRepository(RagRuleRow).count(), 4);
    } finally {
      await dataSource.destroy();
    }
  });

  test('bad rules are errors with line and column, and nothing is written', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'indicator,area_code,target,target_min,target_max,tolerance\nsafer-communities/asb-victims,,7,6,,5\n');
    const both = run(file);
    assert.equal(both.status, 1);
    assert.match(both.stderr, /bad\.csv:2:3: target: give a target or a range, not both/);
    writeFileSync(file, 'indicator,area_code,target,target_min,target_max,tolerance\nsafer-communities/domestic-abuse-referrals,,1000,,,5\n');
    assert.match(run(file).stderr, /has no polarity, so a target value has no good side/);
    writeFileSync(file, 'indicator,area_code,target,target_min,target_max,tolerance\nnope,,1,,,5\n');
    assert.match(run(file).stderr, /bad\.csv:2: "nope" is not a known indicator id/);
  });
});
