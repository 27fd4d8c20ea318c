import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { PROJECT_ROOT } from '../support/paths';

describe('GraphQL Code Generator output', () => {
  test('schema/generated/operations.ts is what codegen.yml generates now (run npm run codegen when this fails)', async () => {
    const cwd = process.cwd();
    process.chdir(PROJECT_ROOT);
    try {
      const { config } = await loadCodegenConfig({ configFilePath: join(PROJECT_ROOT, 'codegen.yml') });
      const outputs = await generate({ ...config, silent: true }, false);
      const generated = outputs.find((output: { filename: string }) => output.filename.endsWith('schema/generated/operations.ts'));
      assert.ok(generated, 'codegen.yml generates schema/generated/operations.ts');
      assert.equal(readFileSync(join(PROJECT_ROOT, 'schema', 'generated', 'operations.ts'), 'utf8'), generated.content);
    } finally {
      process.chdir(cwd);
    }
  });
});
