/**
 * Load against one target with autocannon (10 connections; 10 s, or a few requests in smoke mode),
 * checking every response: a status other than 200, a connection error, a timeout or a body with
 * `errors` makes the measurement broken.
 */
import autocannon from 'autocannon';
import { SMOKE } from './mode';

export const CONNECTIONS = 10;
export const DURATION_SECONDS = 10;
export const WARM_UP_SECONDS = 2;
export const SMOKE_REQUESTS = 30;

export interface Throughput {
  requests: number;
  /** Requests per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  /** Responses without errors whose bytes differ from the expected ones (reported, not a failure). */
  differing: number;
  /** What went wrong, when anything did. */
  problems: string[];
}

export interface LoadOptions {
  url: string;
  body: string;
  /** The bytes a correct answer is expected to have; others are parsed and checked for errors. */
  expected: string;
  seconds?: number;
}

export async function measureThroughput(options: LoadOptions): Promise<Throughput> {
  let differing = 0;
  let errored = 0;
  let example: string | null = null;
  const verifyBody = (raw: string | Buffer | undefined): boolean => {
    const body = String(raw ?? '');
    if (body === options.expected) return true;
    let ok = false;
    try {
      ok = (JSON.parse(body) as { errors?: unknown }).errors === undefined;
    } catch {
      ok = false;
    }
    if (ok) {
      differing++;
    } else {
      errored++;
      example ??= body.slice(0, 500);
    }
    return ok;
  };
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: options.body,
    connections: CONNECTIONS,
    ...(SMOKE ? { amount: SMOKE_REQUESTS } : { duration: options.seconds ?? DURATION_SECONDS }),
    verifyBody,
  });
  const problems: string[] = [];
  if (result.non2xx > 0) problems.push(`${result.non2xx} responses with a status other than 2xx`);
  if (result.errors > 0) problems.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
  if (errored > 0) problems.push(`${errored} responses with errors, e.g. ${example}`);
  const completed = result.requests.total;
  if (completed === 0) problems.push('no request completed');
  return { requests: completed, rps: completed / result.duration, p50: result.latency.p50, p99: result.latency.p99, differing, problems };
}

export interface Answer {
  status: number;
  bytes: string;
  json: { data?: Record<string, unknown> | null; errors?: unknown[] };
}

/** One request, its status, bytes and parsed body. */
export async function post(url: string, body: string): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const bytes = await response.text();
  let json: Answer['json'];
  try {
    json = JSON.parse(bytes) as Answer['json'];
  } catch {
    json = { errors: [`not JSON: ${bytes.slice(0, 200)}`] };
  }
  return { status: response.status, bytes, json };
}

/** Fails with the errors (messages and codes, no stack traces) unless the answer is a 200 without errors. */
export function assertAnswered(what: string, answer: Answer): void {
  if (answer.status === 200 && answer.json.errors === undefined && answer.json.data) return;
  const errors = (answer.json.errors ?? []) as Array<{ message?: string; extensions?: { code?: string } } | string>;
  const said = errors.map((e) => (typeof e === 'string' ? e : `${e.message}${e.extensions?.code ? ` [${e.extensions.code}]` : ''}`));
  throw new Error(`${what}: HTTP ${answer.status}: ${said.length > 0 ? said.join('; ') : answer.bytes.slice(0, 500)}`);
}
