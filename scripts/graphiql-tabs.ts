/**
 * The playground's tabs: one per operation in schema/operations/*.graphql, with its variables
 * from schema/operations/variables.json (the one place they are kept), in that file's order.
 * Read at build time by scripts/build-graphiql.ts; checked against the schema by a test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, OperationDefinitionNode, parse } from 'graphql';

export interface PlaygroundTab {
  /** The operation's name, which GraphiQL shows as the tab's title. */
  readonly name: string;
  /** Where the operation comes from, relative to the project root. */
  readonly file: string;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

export const OPERATIONS_DIR = join('schema', 'operations');
export const VARIABLES_FILE = join(OPERATIONS_DIR, 'variables.json');

export function readPlaygroundTabs(root: string): PlaygroundTab[] {
  const variables = JSON.parse(readFileSync(join(root, VARIABLES_FILE), 'utf8')) as Record<string, Record<string, unknown>>;
  const operations = new Map<string, { file: string; query: string }>();
  for (const name of readdirSync(join(root, OPERATIONS_DIR)).filter((n) => n.endsWith('.graphql')).sort()) {
    const file = join(OPERATIONS_DIR, name);
    const query = readFileSync(join(root, file), 'utf8');
    const defined = parse(query).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (defined.length !== 1 || !defined[0].name) throw new Error(`${file} must hold exactly one named operation to become a playground tab`);
    const operation = defined[0].name.value;
    if (operations.has(operation)) throw new Error(`${file}: operation ${operation} is also in ${operations.get(operation)!.file}`);
    if (!(operation in variables)) throw new Error(`${file}: operation ${operation} has no entry in ${VARIABLES_FILE} (give it {} if it takes no variables)`);
    operations.set(operation, { file, query });
  }
  const stale = Object.keys(variables).filter((name) => !operations.has(name));
  if (stale.length > 0) throw new Error(`${VARIABLES_FILE} names operations that are not in ${OPERATIONS_DIR}: ${stale.join(', ')}`);
  return Object.keys(variables).map((name) => ({ name, ...operations.get(name)!, variables: variables[name] }));
}
