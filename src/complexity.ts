import { DocumentNode, GraphQLError, GraphQLSchema, getNullableType, isListType, separateOperations } from 'graphql';
import { ApolloServerPlugin } from '@apollo/server';
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/**
 * A list field costs ten times what one item costs (its `first` argument where it has one).
 * Fields that compute over many values declare their own cost (`complexity` on the field), e.g. 500
 * for a group comparison, which fieldExtensionsEstimator adds to the cost of what is selected in it.
 */
export const listEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!isListType(getNullableType(field.type)) && !field.type.toString().endsWith('Connection!')) return undefined;
  const first = typeof args.first === 'number' ? args.first : 10;
  return 1 + first * childComplexity;
};

/** Rejects, before running it, an operation costlier than the limit; the error says both numbers. */
export function complexityLimitPlugin(schema: GraphQLSchema, maxComplexity: number): ApolloServerPlugin {
  // Apollo keeps one parsed document per query text, so the cost of a document with the same
  // variables and operation is computed once, not on every request.
  const known = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          let costs = known.get(document);
          if (!costs) known.set(document, (costs = new Map()));
          const key = `${operationName ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let complexity = costs.get(key);
          if (complexity === undefined) {
            const query = operationName ? separateOperations(document)[operationName] ?? document : document;
            complexity = getComplexity({
              schema,
              query,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), listEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
            if (costs.size < 100) costs.set(key, complexity);
          }
          if (complexity > maxComplexity) {
            throw new GraphQLError(`Query complexity ${complexity} exceeds the limit of ${maxComplexity}; ask for fewer fields or smaller pages.`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maxComplexity },
            });
          }
        },
      };
    },
  };
}
