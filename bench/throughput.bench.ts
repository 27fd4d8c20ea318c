/**
 * `npm run bench:throughput`: requests per second of typical operations on a seeded SQLite
 * database under load (autocannon, 10 connections, 10 s), each against an anchor measured in the
 * same run on the same machine:
 *
 * - bare Apollo: Apollo Server serving schema/schema.graphql with the product's own answer as
 *   in-memory objects and default resolvers (what GraphQL itself costs for that answer);
 * - plain HTTP: node:http writing the product's response bytes (what the HTTP round trip costs).
 *
 * Goals (from the issue): with the response cache off, DashboardTable, OutcomeJudgements and
 * CountyComparison (period 2021-22) each reach at least 0.5 of bare Apollo's throughput; with the
 * cache on, a repeated DashboardTable reaches at least 0.5 of plain HTTP's. Every target runs in
 * its own process (bench/target.process.ts) and autocannon in this one, so each has a core. Each
 * target is measured BENCH_RUNS times (default 3), interleaved, after a 2 s warm-up; the median
 * of each figure is reported. BENCH_CPU_PROF=<folder> writes a CPU profile of each product
 * process there (summarise with `node build/bench/profile-summary.js <folder>`).
 *
 * BENCH_SMOKE=1: 30 requests per target, one run, goals not enforced. Exit codes: 1 when a
 * response failed or had errors, 2 when a full run missed a goal.
 */
import 'reflect-metadata';
import { isDeepStrictEqual } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../src/db/data-source';
import { seedDatabase } from '../src/db/seed';
import { assertAnswered, CONNECTIONS, DURATION_SECONDS, measureThroughput, post, SMOKE_REQUESTS, Throughput, WARM_UP_SECONDS } from './support/load';
import { EXIT_GOAL_MISSED, machineLine, quietLine, median, RUNS, runBenchmark, SMOKE } from './support/mode';
import { BenchOperation, COUNTY_COMPARISON, DASHBOARD_TABLE, OUTCOME_JUDGEMENTS } from './support/operations';
import { markdownTable, number } from './support/table';
import { startTarget, Target } from './support/target';
import { watchCpu } from './support/contention';

const GOAL = 0.5;
/** More CPU than this taken by other processes during a measurement, and it is taken again. */
const MAX_OTHERS_SHARE = 0.05;
const percent = (share: number): string => `${(share * 100).toFixed(0)}%`;

/** autocannon's latencies are whole milliseconds. */
const milliseconds = (ms: number): string => (ms < 1 ? '< 1' : number(ms));

/** One line of the report: a target measured with one operation, against an anchor. */
interface Measurement {
  operation: string;
  target: Target;
  /** What the product (or anchor) should answer, byte for byte. */
  expected: string;
  body: string;
  anchor: Target | null;
  /** The least ratio to the anchor the issue asks for; null for an anchor against the next one. */
  goal: number | null;
  results: Throughput[];
}

async function main(): Promise<number> {
  const load = await quietLine();
  const dir = mkdtempSync(join(tmpdir(), 'bench-throughput-'));
  const databaseUrl = `sqlite:${join(dir, 'bench.sqlite')}`;
  const cpuProfileDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;
  if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });
  const targets: Target[] = [];
  const start = async (label: string, spec: Parameters<typeof startTarget>[1], profile = false): Promise<Target> => {
    const target = await startTarget(label, spec, { cpuProfileDir: profile ? cpuProfileDir : undefined });
    targets.push(target);
    return target;
  };
  try {
    const seeding = await openDatabase(databaseUrl);
    await seedDatabase(seeding);
    await seeding.destroy();

    const measurements: Measurement[] = [];
    const statements: string[] = [];
    const operations: BenchOperation[] = [DASHBOARD_TABLE, OUTCOME_JUDGEMENTS, COUNTY_COMPARISON];
    const plainOf = new Map<string, { target: Target; bytes: string }>();
    for (const operation of operations) {
      const product = await start(`product-${operation.name}-cache-off`, { kind: 'product', databaseUrl, responseCache: false }, true);
      // The product's answer, captured once: what the anchors serve and every later response is checked against.
      await product.statements();
      const answer = await post(product.url, operation.body);
      assertAnswered(`${operation.name} on the product`, answer);
      const first = await product.statements();
      assertAnswered(`${operation.name} on the product`, await post(product.url, operation.body));
      const second = await product.statements();
      statements.push(`${operation.name} ${second}${first === second ? '' : ` (${first} in the first request after start, which also reads the reference data)`}`);
      const responseFile = join(dir, `${operation.name}.json`);
      writeFileSync(responseFile, answer.bytes);

      const bare = await start(`bare-apollo-${operation.name}`, { kind: 'bare-apollo', responseFile });
      const plain = await start(`plain-http-${operation.name}`, { kind: 'plain-http', responseFile });
      const fromBare = await post(bare.url, operation.body);
      assertAnswered(`${operation.name} on bare Apollo`, fromBare);
      if (!isDeepStrictEqual(fromBare.json.data, answer.json.data)) throw new Error(`bare Apollo does not give the product's answer to ${operation.name}; the anchor would measure something else`);
      plainOf.set(operation.name, { target: plain, bytes: answer.bytes });
      measurements.push(
        { operation: operation.name, target: product, expected: answer.bytes, body: operation.body, anchor: bare, goal: GOAL, results: [] },
        { operation: operation.name, target: bare, expected: fromBare.bytes, body: operation.body, anchor: plain, goal: null, results: [] },
        { operation: operation.name, target: plain, expected: answer.bytes, body: operation.body, anchor: null, goal: null, results: [] },
      );
    }
    const cached = await start('product-DashboardTable-cache-on', { kind: 'product', databaseUrl, responseCache: true }, true);
    const repeated = await post(cached.url, DASHBOARD_TABLE.body);
    assertAnswered('DashboardTable on the product with the response cache on', repeated);
    const plainDashboard = plainOf.get(DASHBOARD_TABLE.name)!;
    if (!isDeepStrictEqual(repeated.json.data, JSON.parse(plainDashboard.bytes).data)) throw new Error('DashboardTable with the response cache on answers differently from the cache off');
    measurements.push({ operation: `${DASHBOARD_TABLE.name}, repeated`, target: cached, expected: repeated.bytes, body: DASHBOARD_TABLE.body, anchor: plainDashboard.target, goal: GOAL, results: [] });

    console.log(SMOKE
      ? `smoke run: ${SMOKE_REQUESTS} requests per target over ${CONNECTIONS} connections, one run, goals not enforced; the figures measure nothing`
      : `autocannon, ${CONNECTIONS} connections, ${DURATION_SECONDS} s per target after ${WARM_UP_SECONDS} s of warm-up; median of ${RUNS} interleaved runs`);
    console.log(machineLine());
    console.log(load);
    const others: number[] = [];
    let retaken = 0;
    for (let run = 1; run <= RUNS; run++) {
      for (const m of measurements) {
        let result: Throughput;
        let share: number | null;
        // A measurement during which other processes took more than a little CPU is taken again (twice at most).
        for (let attempt = 1; ; attempt++) {
          if (!SMOKE) await measureThroughput({ url: m.target.url, body: m.body, expected: m.expected, seconds: WARM_UP_SECONDS });
          const watch = watchCpu([process.pid, m.target.pid]);
          result = await measureThroughput({ url: m.target.url, body: m.body, expected: m.expected });
          share = watch.othersShare();
          if (SMOKE || share === null || share <= MAX_OTHERS_SHARE || attempt === 3) break;
          retaken++;
          console.log(`run ${run}: ${m.target.label}: other processes used ${percent(share)} of the CPU; measuring again`);
        }
        if (result.problems.length > 0) throw new Error(`${m.operation} on ${m.target.label}: ${result.problems.join('; ')}`);
        if (result.differing > 0) console.log(`note: ${m.target.label} answered ${result.differing} requests with other bytes than its first answer (no errors)`);
        m.results.push(result);
        if (share !== null) others.push(share);
        if (RUNS > 1) console.log(`run ${run}: ${m.target.label.padEnd(36)} ${number(result.rps).padStart(7)} req/s${share === null ? '' : `, others ${percent(share)}`}`);
      }
    }

    const rps = (m: Measurement): number => median(m.results.map((r) => r.rps));
    const anchorName = (t: Target): string => (t.label.startsWith('bare-apollo') ? 'bare Apollo' : t.label.startsWith('plain-http') ? 'plain HTTP' : t.label);
    const targetName = (t: Target): string => (t.label.startsWith('product') ? `product, cache ${t.label.endsWith('cache-on') ? 'on' : 'off'}` : anchorName(t));
    let missed = 0;
    const rows = measurements.map((m) => {
      const anchor = m.anchor ? measurements.find((a) => a.target === m.anchor && a.operation === m.operation.replace(', repeated', ''))! : null;
      const ratio = anchor ? rps(m) / rps(anchor) : null;
      const met = m.goal === null || ratio === null ? '' : ratio >= m.goal ? 'met' : `missed by ${number((m.goal - ratio) / m.goal * 100)}%`;
      if (met.startsWith('missed')) missed++;
      return [
        m.operation, targetName(m.target), number(rps(m)), milliseconds(median(m.results.map((r) => r.p50))), milliseconds(median(m.results.map((r) => r.p99))),
        anchor ? `${number(rps(anchor))} (${anchorName(anchor.target)})` : '', ratio === null ? '' : number(ratio, 3), m.goal === null ? '' : `≥ ${m.goal} of ${anchorName(m.anchor!)}`, met,
      ];
    });
    console.log();
    console.log(markdownTable(['operation', 'target', 'req/s', 'p50 ms', 'p99 ms', 'anchor req/s', 'ratio', 'goal', 'met'], rows, new Set([2, 3, 4, 5, 6])));
    console.log(`\nSQL statements per request (cache off): ${statements.join(', ')}`);
    if (others.length > 0) {
      console.log(`other processes used at most ${percent(Math.max(...others))} of the CPU during a measurement${retaken > 0 ? ` (${retaken} measurement(s) taken again because they used more than ${percent(MAX_OTHERS_SHARE)})` : ''}`);
    }
    if (missed > 0) console.log(SMOKE ? `\n${missed} goal(s) missed; not enforced in a smoke run` : `\n${missed} goal(s) missed`);
    return missed > 0 && !SMOKE ? EXIT_GOAL_MISSED : 0;
  } finally {
    await Promise.all(targets.map((t) => t.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) runBenchmark(main);
