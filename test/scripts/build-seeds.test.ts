import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, SEEDS, SHARED } from '../support/paths';

const skip = existsSync(join(SHARED, 'data', 'police-uk')) ? false : '../shared/data is absent (a user clone): the raw downloads are needed to rebuild seeds/';

describe('npm run seeds:build', { skip }, () => {
  test('rebuilds every derived file in seeds/ byte for byte from ../shared/data', () => {
    const out = mkdtempSync(join(tmpdir(), 'seeds-'));
    // The hand-written catalogue and RAG rules are inputs, not outputs.
    for (const file of ['indicator-catalogue.csv', 'rag-rules.csv']) copyFileSync(join(SEEDS, file), join(out, file));
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'build', 'scripts', 'build-seeds.js')], {
      env: { ...process.env, SEEDS_OUT: out, SHARED_DATA: join(SHARED, 'data') }, encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name).slice(dir.length + 1))
      .sort();
    assert.deepEqual(files(out), files(SEEDS));
    for (const file of files(SEEDS)) assert.ok(readFileSync(join(out, file)).equals(readFileSync(join(SEEDS, file))), `${file} differs: run npm run seeds:build`);
  });
});
