/**
 * `npm run bench:query`: latency of typical operations on a seeded SQLite database over HTTP on
 * loopback, each as a ratio to a baseline measured in the same run: `{ __typename }`, which costs
 * the HTTP round trip and Apollo's request pipeline and nothing else. Sequential requests, bounded
 * in number; the median of each is reported.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { seedDatabase } from '../src/db/seed';
import { startServer } from '../src/server';
import { CountyComparisonDocument, DashboardTableDocument, OutcomeJudgementsDocument } from '../schema/generated/operations';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);

const WORKLOADS: Array<[string, string, Record<string, unknown>]> = [
  ['baseline: { __typename }', '{ __typename }', {}],
  ['2014/15 dashboard table (DashboardTable)', print(DashboardTableDocument), { slug: 'safer-communities-2014-15-q2' }],
  ['2014/15 outcome judgements (OutcomeJudgements)', print(OutcomeJudgementsDocument), { slug: 'safer-communities-2014-15-q2' }],
  ['county and district comparison, one indicator (CountyComparison)', print(CountyComparisonDocument), { indicator: 'police-uk/all-crime/rate', area: 'E10000018', period: '2021-22' }],
  ['peer-group comparison of all 30 police.uk indicators', `{ indicators(first: 30, search: "police-uk/") { nodes { countyComparison(area: "E10000018", period: "2021-22") { subject { rank outcome } members { value { value } outcome } } } } }`, {}],
  ['monthly series of a county rate, 35 months', `{ indicator(id: "police-uk/all-crime/rate") { series(area: "E10000018") { value lowerCI95 upperCI95 } } }`, {}],
];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-query-'));
  const dataSource = await openDatabase(`sqlite:${join(dir, 'bench.sqlite')}`);
  const server = await startServer({ ...loadConfig({}), port: 0 }, dataSource);
  try {
    await seedDatabase(dataSource);
    const results: Array<[string, number]> = [];
    for (const [name, query, variables] of WORKLOADS) {
      const times: number[] = [];
      for (let i = 0; i < REQUESTS + 3; i++) {
        const started = process.hrtime.bigint();
        const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
        const body = (await response.json()) as { errors?: unknown };
        if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
        if (i >= 3) times.push(Number(process.hrtime.bigint() - started) / 1e6); // the first three warm caches and JIT
      }
      times.sort((a, b) => a - b);
      results.push([name, times[Math.floor(times.length / 2)]]);
    }
    const baseline = results[0][1];
    console.log(`median of ${REQUESTS} sequential requests each, SQLite, loopback HTTP`);
    for (const [name, ms] of results) console.log(`${name.padEnd(66)} ${ms.toFixed(2).padStart(8)} ms  ${(ms / baseline).toFixed(1).padStart(6)}x baseline`);
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
