import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/data-source';
import { ALL_AREAS, Dashboard, RagRuleRow } from '../../src/entities';
import { createTestDatabase } from '../support/database';
import { PROJECT_ROOT } from '../support/paths';

// The targets themselves, and what they do to the RAG, are tested in test/import/rag-rules.importer.test.ts.
const CLI = join(PROJECT_ROOT, 'build', 'src', 'cli', 'import-targets.js');
const run = (url: string, file: string) => spawnSync(process.execPath, [CLI, file], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });

describe('npm run import:targets on a brand-new database', () => {
  test('loads the geography and the indicators from seeds/, says so, then imports the targets', async () => {
    const fresh = await createTestDatabase();
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'targets-new-')), 'targets.csv');
      writeFileSync(file, [
        'indicator,area_code,target,target_min,target_max,tolerance,note',
        'safer-communities/total-crime-rate,E10000018,46,,,5,Strategy Board target 2014-15',
        // A police.uk indicator: the reference data includes them.
        'police-uk/burglary/rate,,5,,,,',
      ].join('\n'));
      const result = run(fresh.url, file);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Loaded reference data from seeds\/: geography, indicator catalogue\nImported 2 RAG rules from .*: 2 created, 0 updated, 0 unchanged$/m);
      const dataSource = await openDatabase(fresh.url);
      try {
        const rules = await dataSource.getRepository(RagRuleRow).find({ order: { indicatorId: 'ASC' } });
        assert.deepEqual(rules.map((r) => [r.indicatorId, r.scope, r.targetValue]), [
          ['police-uk/burglary/rate', ALL_AREAS, 5],
          ['safer-communities/total-crime-rate', 'E10000018', 46],
        ]);
        assert.equal(await dataSource.getRepository(Dashboard).count(), 0, 'no dashboard was loaded');
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await fresh.dispose();
    }
  });
});
