/**
 * Configuration from the environment. Every setting has a default that gives a working
 * server on the embedded SQLite database.
 */
export interface Config {
  /** HTTP port. @default 4000 */
  port: number;
  /** `sqlite:<path>` or `postgres://user:password@host:port/database`. @default sqlite:data/dashboard.sqlite */
  databaseUrl: string;
  /**
   * `NODE_ENV=development` adds stack traces to error responses and the database's own error to a
   * failing /health; any other value, or none, leaves them out (the safe choice is the default).
   */
  development: boolean;
  /**
   * Largest estimated cost of an operation accepted (1 a field, 100 a judgement, 500 a comparison;
   * a list by how many items it can hold: src/complexity.ts). @default 100000
   */
  maxComplexity: number;
  /** Largest page of a connection (first:). @default 100 */
  maxPageSize: number;
  /**
   * `RESPONSE_CACHE=off` turns the whole-response cache off: no answer, value or judgement
   * computed for one request is reused by another. @default on
   */
  responseCache: boolean;
  /**
   * Origins whose pages may call the API from a browser: `*` (any: the read API is public) or a
   * comma-separated list, e.g. `https://dashboards.example.org,http://localhost:5173`. @default *
   */
  corsOrigins: '*' | string[];
  /**
   * `PUBLIC_READ=off` refuses requests without an API key (HTTP 401, code UNAUTHENTICATED); with
   * it on, a request without a key reads as an anonymous caller. A bad key is refused either way.
   * @default on
   */
  publicRead: boolean;
  /**
   * GraphQL requests a minute allowed to one caller before 429: `anonymous` per remote address,
   * `key` per API key (a bearer token); 0 is no limit. `RATE_LIMIT_PER_MINUTE` (@default 600) and
   * `RATE_LIMIT_PER_MINUTE_WITH_KEY` (@default 3000), each a number or `off`.
   */
  rateLimit: { readonly anonymous: number; readonly key: number };
}

export const DEFAULT_DATABASE_URL = 'sqlite:data/dashboard.sqlite';

function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, alternative = ''): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be ${alternative}a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** A limit that may be turned off: `off` (or 0) is 0, meaning no limit. */
function limitSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  return (env[name] ?? '').trim().toLowerCase() === 'off' ? 0 : integerSetting(env, name, fallback, 0, max, 'off or ');
}

function switchSetting(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '') return fallback;
  if (['on', 'true', '1', 'yes'].includes(raw)) return true;
  if (['off', 'false', '0', 'no'].includes(raw)) return false;
  throw new Error(`${name} must be on or off (got "${env[name]}")`);
}

function originsSetting(env: NodeJS.ProcessEnv, name: string): '*' | string[] {
  const raw = (env[name] ?? '').trim();
  if (raw === '' || raw === '*') return '*';
  const origins = raw.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  for (const origin of origins) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
      throw new Error(`${name} must be * or a comma-separated list of origins such as https://example.org or http://localhost:5173 (got "${origin}")`);
    }
  }
  return origins.map((origin) => origin.replace(/\/$/, ''));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integerSetting(env, 'PORT', 4000, 0, 65535),
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : DEFAULT_DATABASE_URL,
    development: env.NODE_ENV === 'development',
    maxComplexity: integerSetting(env, 'MAX_QUERY_COMPLEXITY', 100_000, 10, 1_000_000),
    maxPageSize: integerSetting(env, 'MAX_PAGE_SIZE', 100, 1, 10_000),
    responseCache: switchSetting(env, 'RESPONSE_CACHE', true),
    corsOrigins: originsSetting(env, 'CORS_ORIGINS'),
    publicRead: switchSetting(env, 'PUBLIC_READ', true),
    rateLimit: {
      anonymous: limitSetting(env, 'RATE_LIMIT_PER_MINUTE', 600, 1_000_000),
      key: limitSetting(env, 'RATE_LIMIT_PER_MINUTE_WITH_KEY', 3000, 1_000_000),
    },
  };
}
