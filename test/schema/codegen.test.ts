import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { PROJECT_ROOT } from '../support/paths';

describe('GraphQL Code Generator output', () => {
  test('schema/generated/operations.ts and the web view\'s web/app/src/gql/ are what codegen.yml generates now (run npm run codegen when this fails)', async () => {
    const cwd = process.cwd();
    process.chdir(PROJECT_ROOT);
    try {
      const { config } = await loadCodegenConfig({ configFilePath: join(PROJECT_ROOT, 'codegen.yml') });
      const outputs: Array<{ filename: string; content: string }> = await generate({ ...config, silent: true }, false);
      const expected = ['schema/generated/operations.ts', 'web/app/src/gql/gql.ts', 'web/app/src/gql/graphql.ts', 'web/app/src/gql/index.ts'];
      for (const file of expected) {
        const generated = outputs.find((output) => output.filename.replaceAll('\\', '/').endsWith(file));
        assert.ok(generated, `codegen.yml generates ${file}`);
        assert.equal(readFileSync(join(PROJECT_ROOT, file), 'utf8'), generated.content, `${file} is stale`);
      }
    } finally {
      process.chdir(cwd);
    }
  });
});
