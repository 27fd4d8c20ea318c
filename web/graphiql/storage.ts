/**
 * GraphiQL's storage (localStorage, its `graphiql:` keys) without request headers. With
 * shouldPersistHeaders false GraphiQL keeps headers out of its tabs, but its history plugin
 * stores every query it ran with that run's headers (`graphiql:queries`, `graphiql:favorites`):
 * an API key sent once would stay in the browser. Those lists are written here without them.
 */
import type { Storage } from '@graphiql/toolkit';

const NAMESPACE = 'graphiql:';

/** `{ queries: [{ query, variables, headers, ... }] }` with each `headers` left out. */
function withoutHeaders(value: string): string {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { queries?: unknown }).queries)) {
      const list = parsed as { queries: Record<string, unknown>[] };
      return JSON.stringify({ ...list, queries: list.queries.map(({ headers: _headers, ...rest }) => rest) });
    }
  } catch {
    // Not JSON: not a list of queries.
  }
  return value;
}

export function storageWithoutHeaders(local: globalThis.Storage = window.localStorage): Storage {
  const keys = (): string[] => Object.keys(local).filter((key) => key.startsWith(NAMESPACE));
  return {
    getItem: (key) => local.getItem(key),
    setItem: (key, value) => (key === `${NAMESPACE}headers` ? local.removeItem(key) : local.setItem(key, withoutHeaders(value))),
    removeItem: (key) => local.removeItem(key),
    clear: () => keys().forEach((key) => local.removeItem(key)),
    get length() {
      return keys().length;
    },
  };
}
