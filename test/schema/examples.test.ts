/** The playground examples in schema/examples.graphql stay valid against the schema. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { getSchema } from '../../src/schema';
import { PROJECT_ROOT } from '../support/paths';

test('every example in schema/examples.graphql is valid against the schema', async () => {
  const document = parse(readFileSync(join(PROJECT_ROOT, 'schema', 'examples.graphql'), 'utf8'));
  assert.ok(document.definitions.length >= 6);
  assert.deepEqual(validate(await getSchema(), document).map((error) => error.message), []);
});
