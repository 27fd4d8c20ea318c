/** The playground's tabs: every operation in schema/operations/, with variables the schema accepts. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getVariableValues, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { readPlaygroundTabs } from '../../scripts/graphiql-tabs';
import { getSchema } from '../../src/schema';
import { PROJECT_ROOT } from '../support/paths';

describe('playground tabs', () => {
  test('one per operation in schema/operations/, DashboardTable first', () => {
    const names = readPlaygroundTabs(PROJECT_ROOT).map((tab) => tab.name);
    assert.deepEqual(names, ['DashboardTable', 'OutcomeJudgements', 'CountyComparison', 'IndicatorSeries', 'PartnerLatestValues', 'Viewer', 'DraftDashboard', 'SetValues', 'SetOutcomeAssessment', 'PublishDashboard', 'CorrectValue', 'AuditTrail']);
  });

  test('each tab is valid, and its variables are accepted by the schema', async () => {
    const schema = await getSchema();
    for (const tab of readPlaygroundTabs(PROJECT_ROOT)) {
      const document = parse(tab.query);
      assert.deepEqual(validate(schema, document).map((error) => error.message), [], tab.name);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], tab.variables);
      assert.deepEqual(coerced.errors?.map((error) => error.message) ?? [], [], tab.name);
    }
  });

  test('an operation without variables, or variables without an operation, is an error that says where', () => {
    const root = mkdtempSync(join(tmpdir(), 'sc-tabs-'));
    try {
      cpSync(join(PROJECT_ROOT, 'schema', 'operations'), join(root, 'schema', 'operations'), { recursive: true });
      writeFileSync(join(root, 'schema', 'operations', 'extra.graphql'), 'query Extra { __typename }\n');
      assert.throws(() => readPlaygroundTabs(root), /extra\.graphql: operation Extra has no entry in schema\/operations\/variables\.json/);
      rmSync(join(root, 'schema', 'operations', 'extra.graphql'));
      rmSync(join(root, 'schema', 'operations', 'county-comparison.graphql'));
      assert.throws(() => readPlaygroundTabs(root), /names operations that are not in schema\/operations: CountyComparison/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
