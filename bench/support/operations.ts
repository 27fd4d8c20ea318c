/**
 * The operations the throughput benchmark sends, printed from the typed documents in
 * schema/generated/operations.ts so that they follow the schema; their variables are checked
 * against the generated types when the benchmark compiles.
 */
import { print } from 'graphql';
import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { CountyComparisonDocument, DashboardTableDocument, OutcomeJudgementsDocument } from '../../schema/generated/operations';

export interface BenchOperation {
  /** The operation's name in its document, e.g. DashboardTable. */
  readonly name: string;
  /** The JSON request body, as sent. */
  readonly body: string;
}

export function operation<TVariables extends Record<string, unknown>>(document: TypedDocumentNode<unknown, TVariables>, variables: TVariables): BenchOperation {
  const definition = document.definitions.find((d) => d.kind === 'OperationDefinition');
  const name = definition && 'name' in definition && definition.name ? definition.name.value : 'anonymous';
  return { name, body: JSON.stringify({ operationName: name, query: print(document), variables }) };
}

/** An operation without a typed document (the England-scale queries, until codegen has them). */
export function adHocOperation(name: string, query: string, variables: Record<string, unknown> = {}): BenchOperation {
  return { name, body: JSON.stringify({ query, variables }) };
}

export const DASHBOARD_SLUG = 'safer-communities-2014-15-q2';

export const DASHBOARD_TABLE = operation(DashboardTableDocument, { slug: DASHBOARD_SLUG });
export const OUTCOME_JUDGEMENTS = operation(OutcomeJudgementsDocument, { slug: DASHBOARD_SLUG });
export const COUNTY_COMPARISON = operation(CountyComparisonDocument, { indicator: 'police-uk/all-crime/rate', area: 'E10000018', period: '2021-22' });
