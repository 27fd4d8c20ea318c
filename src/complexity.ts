/**
 * The cost limit: every operation's cost is estimated before it runs (graphql-query-complexity
 * with the fields' own estimators, src/resolvers/cost.ts), one costlier than the limit is refused
 * with 400 QUERY_TOO_COMPLEX, and every answer says both numbers in `extensions.cost`.
 */
import { DocumentNode, FragmentDefinitionNode, GraphQLError, GraphQLSchema, getNullableType, getVariableValues, isListType, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { ApolloServerPlugin } from '@apollo/server';
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { listCost } from './resolvers/cost';
import { ReferenceData } from './services/reference-data';

/** How many items a list is taken to hold when nothing cheaper tells (children, series, values...). */
export const DEFAULT_LIST_SIZE = 10;

/** Fields an operation may select, aliases and fragments included, before it is refused unestimated. */
export const MAX_FIELDS = 10_000;

/**
 * Levels one operation may nest: fields, inline fragments and spread fragments each open one. The
 * playground's introspection nests 18; graphql-js and the cost estimate recurse per level and
 * run out of stack near 2,000.
 */
export const MAX_DEPTH = 50;

/**
 * How many levels the operation nests: a field, an inline fragment or a fragment spread is one
 * level below the selection it is in. Counting stops past `limit`. Without recursion, so any depth
 * is measured, and each fragment is walked once per level it is spread at, so a fragment spread
 * many times costs no more than the document's size times the limit.
 */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode, limit = MAX_DEPTH): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const walked = new Set<string>();
  const stack: Array<[SelectionSetNode, number]> = [[operation.selectionSet, 1]];
  let deepest = 0;
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [set, level] = item;
    deepest = Math.max(deepest, level);
    if (deepest > limit) return deepest;
    for (const selection of set.selections) {
      if (selection.kind !== Kind.FRAGMENT_SPREAD) {
        if (selection.selectionSet) stack.push([selection.selectionSet, level + 1]);
        continue;
      }
      const fragment = fragments.get(selection.name.value);
      const key = `${level} ${selection.name.value}`;
      if (fragment && !walked.has(key)) {
        walked.add(key);
        stack.push([fragment.selectionSet, level + 1]);
      }
    }
  }
  return deepest;
}

/**
 * What every answer carries in `extensions.cost`: the estimate made before the operation ran, and
 * the limit. `requested` is null when there was nothing to estimate: the request did not parse or
 * validate, its variables were wrong, it named no operation it holds, or it never reached GraphQL.
 */
export interface Cost {
  readonly requested: number | null;
  readonly limit: number;
}

/**
 * A list without an estimator of its own (src/resolvers/cost.ts) costs DEFAULT_LIST_SIZE times
 * what one item costs. The `nodes` and `edges` of a connection count once: the connection field
 * counts its page.
 */
export const listEstimator: ComplexityEstimator = ({ type, field, childComplexity }) => {
  if (!isListType(getNullableType(field.type))) return undefined;
  return listCost(type.name.endsWith('Connection') ? 1 : DEFAULT_LIST_SIZE, childComplexity);
};

/**
 * The longest key (variables and operation name) whose cost is kept: longer ones are estimated
 * again each time, so that a caller's megabyte of variables is not remembered a hundred times for
 * each document Apollo keeps.
 */
const MAX_KEPT_KEY = 4096;

/** 400, so a client knows the request itself is wrong and sending it again will not help. */
function refused(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...extensions, http: { status: 400 } } });
}

/**
 * Estimates each operation before it runs and refuses one costlier than `maxComplexity`; adds
 * `extensions.cost` to every answer. Lists are bounded by the request's reference data (the data
 * version it read), so the estimate of the same text can change when the catalogue does.
 */
export function complexityLimitPlugin(schema: GraphQLSchema, limits: { maxComplexity: number; maxPageSize: number }): ApolloServerPlugin<{ reference: ReferenceData }> {
  const { maxComplexity, maxPageSize } = limits;
  // Apollo keeps one parsed document per query text, so the cost of a document with the same
  // variables, operation and reference data is computed once, not on every request.
  const known = new WeakMap<DocumentNode, Map<string, number>>();
  const estimators = [fieldExtensionsEstimator(), listEstimator, simpleEstimator({ defaultComplexity: 1 })];
  return {
    async requestDidStart() {
      let requested: number | null = null;
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          if (!operation) return;
          // Wrong or missing variables are the caller's mistake, which Apollo reports as 400
          // BAD_USER_INPUT when it coerces them; the estimate, which coerces them too, steps aside.
          if (getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return;
          const { reference } = contextValue;
          let costs = known.get(document);
          if (!costs) known.set(document, (costs = new Map()));
          const key = `${reference.version}\u0000${operation.name?.value ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let complexity = costs.get(key);
          if (complexity === undefined) {
            const depth = operationDepth(document, operation);
            if (depth > MAX_DEPTH) {
              throw refused(`The operation nests more than ${MAX_DEPTH} levels deep (each field's selection and each fragment a level); ask for less at once.`, { maxDepth: MAX_DEPTH });
            }
            try {
              complexity = getComplexity({
                schema,
                query: document,
                operationName: operation.name?.value,
                variables: request.variables ?? {},
                estimators,
                context: { reference, maxPageSize },
                maxQueryNodes: MAX_FIELDS,
              });
            } catch (error) {
              if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
                throw refused(`The operation selects more than ${MAX_FIELDS.toLocaleString('en-GB')} fields (aliases and fragments counted each time); ask for fewer.`, { maxFields: MAX_FIELDS });
              }
              throw error;
            }
            if (costs.size < 100 && key.length <= MAX_KEPT_KEY) costs.set(key, complexity);
          }
          requested = complexity;
          if (complexity > maxComplexity) {
            throw refused(`Query complexity ${complexity} exceeds the limit of ${maxComplexity}; ask for fewer fields or smaller pages.`, { complexity, maxComplexity });
          }
        },
        // Plugins listed after this one (the response cache) see the answer with its cost: this
        // hook does not wait, so it has finished before theirs starts.
        async willSendResponse({ response }) {
          const cost: Cost = { requested, limit: maxComplexity };
          const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
}
