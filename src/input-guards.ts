/**
 * Guards at the GraphQL boundary. Arguments with a NUL character or a lone surrogate are refused
 * before they reach a database (PostgreSQL rejects a NUL mid-batch, failing innocent fields of the
 * same request; a lone surrogate would be stored as U+FFFD, not as sent). Documents and variables
 * shaped to exhaust graphql-js's recursion (a long chain of fragments, lists in lists thousands
 * deep) are refused before Apollo reads them: otherwise the stack runs out and the answer is a 500.
 * A period error escaping a resolver is reported as bad input, not an internal error, and an
 * internal error's own message is kept from the caller.
 */
import { DocumentNode, GraphQLError, GraphQLFormattedError, visit } from 'graphql';
import { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { PeriodError } from './analysis/periods';
import { MAX_DEPTH } from './complexity';

/** A NUL written into the query text (raw, or escaped as \u0000 or \u{0}): a quick look before the exact one. */
const NUL_IN_QUERY = /\u0000|\\u(0000|\{0+\})/i;

/**
 * What no code, id or text of this API can hold: a NUL (PostgreSQL refuses it, mid-batch), and half
 * of a UTF-16 surrogate pair alone, which is no character at all (both databases' drivers would
 * store U+FFFD in its place, so what was written would not be what was sent). The parser already
 * refuses a lone surrogate in the query text; variables are JSON, which may hold one.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first string in a value (variables: objects, lists, strings) that holds an unstorable character; without recursion. */
function unstorableString(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (UNSTORABLE.test(item)) return item;
    } else if (item !== null && typeof item === 'object') {
      for (const child of Object.values(item)) stack.push(child);
    }
  }
  return null;
}

/** The first string argument of the document that holds one, by its value (so an escaped backslash before u0000 is text). */
function unstorableInDocument(document: DocumentNode): string | null {
  let found: string | null = null;
  visit(document, {
    StringValue(node) {
      if (found === null && UNSTORABLE.test(node.value)) found = node.value;
    },
  });
  return found;
}

export function rejectUnstorableTextPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        // The text is looked at first, and the document's strings only when a NUL may be in it.
        async didResolveOperation({ request, document }) {
          const found = (NUL_IN_QUERY.test(request.query ?? '') ? unstorableInDocument(document) : null) ?? unstorableString(request.variables ?? {});
          if (found === null) return;
          const message = found.includes('\u0000')
            ? 'An argument contains a NUL character (U+0000), which no code, id, key or text can hold.'
            : 'An argument contains half of a UTF-16 surrogate pair alone (U+D800 to U+DFFF), which is no character: no code, id, key or text can hold it.';
          throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
        },
      };
    },
  };
}

/**
 * Fragments one document may define. graphql-js's validation follows a chain of fragments
 * recursively (NoFragmentCycles) and runs out of stack near 4,000, and the cost estimate sooner;
 * no real operation comes near 500.
 */
export const MAX_FRAGMENTS = 500;

/** Levels of lists and objects in the variables; graphql-js coerces them recursively, and fails near 10,000. */
export const MAX_VARIABLE_DEPTH = 100;

/** The keyword of each fragment definition (and any other `fragment` in the text: an overcount never lets one through). */
const FRAGMENT_KEYWORD = /(?<![_0-9A-Za-z])fragment(?![_0-9A-Za-z])/g;

/** Whether a value holds objects or lists nested more than `limit` levels; without recursion, so any depth is measured. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

export interface Refusal {
  readonly status: 400;
  readonly code: 'QUERY_TOO_COMPLEX' | 'BAD_USER_INPUT';
  readonly message: string;
}

/**
 * Why a request's operation text or variables (a POST body, or a GET's parameters, where the
 * variables are JSON text) would exhaust the stack before anything could refuse them; null when
 * they would not. Anything malformed is left to Apollo, which says what is wrong with it.
 */
export function shapeRefusal(params: { query?: unknown; variables?: unknown } | undefined): Refusal | null {
  if (typeof params?.query === 'string') {
    const fragments = params.query.match(FRAGMENT_KEYWORD)?.length ?? 0;
    if (fragments > MAX_FRAGMENTS) {
      return { status: 400, code: 'QUERY_TOO_COMPLEX', message: `The document defines more than ${MAX_FRAGMENTS} fragments (${fragments} counted); ask with fewer.` };
    }
  }
  let variables = params?.variables;
  if (typeof variables === 'string') {
    try {
      variables = JSON.parse(variables);
    } catch {
      return null;
    }
  }
  if (nestedDeeperThan(variables, MAX_VARIABLE_DEPTH)) {
    return { status: 400, code: 'BAD_USER_INPUT', message: `The variables are nested more than ${MAX_VARIABLE_DEPTH} levels deep; no argument of this API takes lists or objects that deep.` };
  }
  return null;
}

/** What the parser says when a document is nested deeper than its recursion reaches. */
const PARSER_OUT_OF_STACK = /Maximum call stack size exceeded/;

/**
 * How errors are answered. A period error escaping the analysis is the caller's bad input
 * (services' BadArgument carries its own code); the parser's running out of stack is said in words
 * a caller can act on. A fault of the server (INTERNAL_SERVER_ERROR: any error without a code of
 * its own) is answered as just that, and its own message (a database's, naming tables and
 * statements) goes to the log instead, unless NODE_ENV=development, which shows it with the stack.
 */
export function errorFormatter({ development }: { development: boolean }): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const original = unwrapResolverError(error);
    if (original instanceof PeriodError) {
      return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
    }
    if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && PARSER_OUT_OF_STACK.test(formatted.message)) {
      return { ...formatted, message: `The operation is nested too deeply to read (fields, lists or objects thousands of levels deep); an operation may nest at most ${MAX_DEPTH} levels.` };
    }
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' && !development) {
      console.error(`Internal server error${formatted.path ? ` at ${formatted.path.join('.')}` : ''}:`, original);
      return { ...formatted, message: 'Internal server error: the server could not answer this; the fault is logged.' };
    }
    return formatted;
  };
}
