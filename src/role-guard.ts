/**
 * Roles settled before anything runs: an operation selecting a root field its caller's role does
 * not allow (a mutation, or the audit trail: ROLE_NEEDED) is refused as a whole, 401 without a key
 * and 403 with too small a role. Refused field by field as they ran, a mutation allowed beside a
 * forbidden one would write, and its answer would be lost with the forbidden one's error (their
 * payloads are non-null, so `data` becomes null): a 403 that had changed the data.
 */
import { FragmentDefinitionNode, getVariableValues, GraphQLError, GraphQLSchema, Kind } from 'graphql';
import { collectFields } from 'graphql/execution/collectFields';
import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { MAX_DEPTH, operationDepth } from './complexity';
import { Action, requireRole, ROLE_NEEDED, WriteAccess } from './services/publishing/access';
import { Unauthenticated } from './services/errors';

export function roleGuardPlugin(schema: GraphQLSchema): ApolloServerPlugin<{ access: WriteAccess | null }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          // Refused by the cost limit (src/complexity.ts, listed first), before collecting fields recursively could run out of stack.
          if (!operation || operationDepth(document, operation) > MAX_DEPTH) return;
          const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'query' ? schema.getQueryType() : null;
          if (!root) return;
          // Wrong variables: Apollo refuses the request (400) and nothing runs. Right ones decide @skip and @include.
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (variables.errors) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          for (const [responseKey, nodes] of collectFields(schema, fragments, variables.coerced, root, operation.selectionSet)) {
            const name = nodes[0].name.value;
            if (!Object.hasOwn(ROLE_NEEDED, name)) continue;
            try {
              requireRole(contextValue.access, name as Action);
            } catch (error) {
              if (!(error instanceof Error && 'extensions' in error)) throw error;
              const { extensions } = error as Error & { extensions: { code: string; http: { status: number } } };
              // As the 401 for a bad key says it: the scheme to answer with.
              const http = error instanceof Unauthenticated ? { ...extensions.http, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } : extensions.http;
              throw new GraphQLError(error.message, { nodes, path: [responseKey], extensions: { ...extensions, http } });
            }
          }
        },
      };
    },
  };
}
