/**
 * Guards at the GraphQL boundary: arguments with a NUL character are refused before they reach a
 * database (PostgreSQL rejects them mid-batch, failing innocent fields of the same request), and a
 * period error escaping a resolver is reported as bad input, not an internal error.
 */
import { GraphQLError, GraphQLFormattedError, Kind, visit } from 'graphql';
import { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { PeriodError } from './analysis/periods';

export function rejectNulCharactersPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let found = JSON.stringify(request.variables ?? {}).includes('\\u0000');
          visit(document, {
            [Kind.STRING](node) {
              if (node.value.includes('\u0000')) found = true;
            },
          });
          if (found) {
            throw new GraphQLError('An argument contains a NUL character (U+0000), which no code, id, key or search text can hold.', { extensions: { code: 'BAD_USER_INPUT' } });
          }
        },
      };
    },
  };
}

/** A period error escaping the analysis is the caller's bad input (services' BadArgument carries its own code). */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof PeriodError) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
  }
  return formatted;
}
