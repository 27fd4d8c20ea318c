/**
 * The whole GraphQL client: a typed fetch and a React hook around it. The documents are the
 * typed strings codegen writes (documentMode: string), so the result and variables are typed from
 * the schema and the browser carries no GraphQL library. Copy this file to start your own view.
 *
 * An API key, when the reader gives one (the /key page), is sent as `Authorization: Bearer` with
 * every request: a partner's officer then sees the drafts and unpublished values of their areas.
 * It is kept in this tab's sessionStorage only, and goes when the tab closes.
 */
import { useEffect, useState } from 'react';
import type { TypedDocumentString } from './gql/graphql';

/** Where the API is: this server by default; VITE_API_URL at build time for a view hosted elsewhere. */
export const API_URL: string = import.meta.env.VITE_API_URL ?? '/graphql';

const KEY_STORAGE = 'safer-communities-api-key';
const keyListeners = new Set<() => void>();

function storedKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null; // storage turned off: the key lasts until the page reloads
  }
}

let currentKey: string | null = storedKey();

/** Use this key from now on (null: none); every page asks again with it. */
export function setApiKey(key: string | null): void {
  currentKey = key;
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // storage turned off: kept in memory only
  }
  for (const listener of keyListeners) listener();
}

/** The API key in use, or null; a component re-renders when it changes. */
export function useApiKey(): string | null {
  const [key, setKey] = useState(currentKey);
  useEffect(() => {
    const listener = () => setKey(currentKey);
    keyListeners.add(listener);
    listener();
    return () => {
      keyListeners.delete(listener);
    };
  }, []);
  return key;
}

/** A GraphQL error as the server sends it. */
export interface ApiError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string };
}

/** data can be partial: a field that failed is null, with its error in errors. */
export interface ApiResult<TResult> {
  data: TResult | null;
  errors: ApiError[];
}

export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
  key: string | null = currentKey,
): Promise<ApiResult<TResult>> {
  const response = await fetch(API_URL, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query: document.toString(), variables }),
    signal,
  });
  let body: { data?: TResult | null; errors?: ApiError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new Error(`The API answered ${response.status} ${response.statusText} without JSON.`);
  }
  if (!body.data && (!body.errors || body.errors.length === 0)) {
    throw new Error(`The API answered ${response.status} ${response.statusText} with neither data nor errors.`);
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

export type QueryState<TResult> =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | ({ status: 'done' } & ApiResult<TResult>);

/**
 * Runs the query when the variables or the API key change (variables compared as JSON) and
 * aborts one no longer wanted.
 * With `wait`, it is not sent until `wait` turns false (a page's slow parts after its main part).
 */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  { wait = false }: { wait?: boolean } = {},
): QueryState<TResult> {
  const key = JSON.stringify(variables);
  const apiKey = useApiKey();
  const [state, setState] = useState<QueryState<TResult>>({ status: 'loading' });
  useEffect(() => {
    if (wait) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    execute(document, JSON.parse(key) as TVariables, controller.signal, apiKey).then(
      (result) => {
        // An answer for variables or a key no longer wanted never replaces the newer request's state.
        if (!controller.signal.aborted) setState({ status: 'done', ...result });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [document, key, wait, apiKey]);
  return state;
}

/** The first error at or below a path, e.g. ['indicator', 'districtComparison']: why that part is missing. */
export function errorAt(errors: ApiError[], ...path: Array<string | number>): ApiError | undefined {
  return errors.find((error) => path.every((part, i) => error.path?.[i] === part));
}
