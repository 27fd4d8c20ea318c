/**
 * `npm run bench:query`: latency of typical operations on a seeded SQLite database over HTTP on
 * loopback, each as a ratio to a baseline measured in the same run: `{ __typename }`, which costs
 * the HTTP round trip and Apollo's request pipeline and nothing else. Sequential requests, bounded
 * in number; the median of each is reported. The response cache is off (RESPONSE_CACHE has no say
 * here), so each request does the work; NODE_ENV is production unless set, as under `npm start`.
 * BENCH_SMOKE=1: three requests each, after one warm-up.
 *
 * An operation the complexity limit refuses is reported as refused with both numbers, and the
 * others still run (the 30-indicator comparison was, at 160,231, until lists were counted by
 * what the data holds: it is now 16,051). Any other error fails the run. The rate limit is off:
 * every request comes from one address.
 */
import '../src/production-default';
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { seedDatabase } from '../src/db/seed';
import { startServer } from '../src/server';
import { machineLine, quietLine } from './support/mode';
import { CountyComparisonDocument, DashboardTableDocument, OutcomeJudgementsDocument } from '../schema/generated/operations';

const SMOKE = process.env.BENCH_SMOKE === '1';
const REQUESTS = SMOKE ? 3 : Number(process.env.BENCH_REQUESTS ?? 40);
const WARM_UP = SMOKE ? 1 : 3;

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; complexity?: number; maxComplexity?: number };
}

const WORKLOADS: Array<[string, string, Record<string, unknown>]> = [
  ['baseline: { __typename }', '{ __typename }', {}],
  ['2014/15 dashboard table (DashboardTable)', print(DashboardTableDocument), { slug: 'safer-communities-2014-15-q2' }],
  ['2014/15 outcome judgements (OutcomeJudgements)', print(OutcomeJudgementsDocument), { slug: 'safer-communities-2014-15-q2' }],
  ['county and district comparison, one indicator (CountyComparison)', print(CountyComparisonDocument), { indicator: 'police-uk/all-crime/rate', area: 'E10000018', period: '2021-22' }],
  ['peer-group comparison of all 30 police.uk indicators', `{ indicators(first: 30, search: "police-uk/") { nodes { countyComparison(area: "E10000018", period: "2021-22") { subject { rank outcome } members { value { value } outcome } } } } }`, {}],
  ['monthly series of a county rate, 35 months', `{ indicator(id: "police-uk/all-crime/rate") { series(area: "E10000018") { value lowerCI95 upperCI95 } } }`, {}],
];

async function main(): Promise<void> {
  console.log(`${machineLine()}\n${await quietLine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-query-'));
  const dataSource = await openDatabase(`sqlite:${join(dir, 'bench.sqlite')}`);
  // The response cache off: with it on, every request after the first would time a cache hit.
  const server = await startServer({ ...loadConfig({ NODE_ENV: process.env.NODE_ENV, RATE_LIMIT_PER_MINUTE: 'off' }), port: 0, responseCache: false }, dataSource);
  try {
    await seedDatabase(dataSource);
    const results: Array<[string, number | string]> = [];
    // Every workload once before any is timed, so the baseline, timed first, is as warm as the rest.
    for (const [, query, variables] of WORKLOADS) {
      await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    }
    for (const [name, query, variables] of WORKLOADS) {
      const times: number[] = [];
      let refused: string | null = null;
      for (let i = 0; i < REQUESTS + WARM_UP && refused === null; i++) {
        const started = process.hrtime.bigint();
        const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
        const body = (await response.json()) as { errors?: GraphQLErrorBody[] };
        const tooComplex = body.errors?.find((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX');
        if (tooComplex && body.errors!.length === 1) {
          const { complexity, maxComplexity } = tooComplex.extensions!;
          refused = `refused: complexity ${complexity?.toLocaleString('en-GB')} > limit ${maxComplexity?.toLocaleString('en-GB')}`;
        } else if (body.errors) {
          throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
        }
        if (i >= WARM_UP) times.push(Number(process.hrtime.bigint() - started) / 1e6); // the first ones warm caches and JIT
      }
      times.sort((a, b) => a - b);
      results.push([name, refused ?? times[Math.floor(times.length / 2)]]);
    }
    const baseline = results[0][1] as number;
    console.log(`median of ${REQUESTS} sequential requests each, SQLite, loopback HTTP`);
    for (const [name, ms] of results) {
      console.log(typeof ms === 'string'
        ? `${name.padEnd(66)} ${ms}`
        : `${name.padEnd(66)} ${ms.toFixed(2).padStart(8)} ms  ${(ms / baseline).toFixed(1).padStart(6)}x baseline`);
    }
  } finally {
    await server.stop();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
