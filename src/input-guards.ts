/**
 * Guards at the GraphQL boundary: arguments with a NUL character are refused before they reach a
 * database (PostgreSQL rejects them mid-batch, failing innocent fields of the same request), and a
 * period error escaping a resolver is reported as bad input, not an internal error.
 */
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { PeriodError } from './analysis/periods';

/** A NUL written into the query text (raw, or escaped as \u0000 or \u{0}). */
const NUL_IN_QUERY = /\u0000|\\u(0000|\{0+\})/i;

export function rejectNulCharactersPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        // The text is checked rather than the parsed document: cheaper, and any NUL in a string
        // argument is in the text in one of these forms.
        async didResolveOperation({ request }) {
          const found = NUL_IN_QUERY.test(request.query ?? '') || JSON.stringify(request.variables ?? {}).includes('\\u0000');
          if (found) {
            throw new GraphQLError('An argument contains a NUL character (U+0000), which no code, id, key or search text can hold.', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
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
