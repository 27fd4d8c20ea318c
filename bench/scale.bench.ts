/**
 * `npm run bench:scale`: the product at England scale. Generates one month of synthetic police.uk
 * street files for every force (about 450,000 rows, bench/generate-police-uk.ts), imports them with
 * the product's importer into a fresh seeded SQLite database (timed: rows per second), starts the
 * product with the response cache off, and times sequential requests (30 after 3 warm-ups; p50
 * and p99) of every district's value in England and of England's district comparison.
 *
 * Goals (from the issue): each England query at most 50 ms at p50, and the SQL statements of a
 * request the same for England (hundreds of districts) as for one county (seven): the statement
 * count stays constant in the size of the answer.
 *
 * BENCH_SMOKE=1: 20,000 rows and 3 requests after 1 warm-up, goals not enforced. BENCH_ROWS and
 * BENCH_MONTH (default 2019-06: every district of the 2019 lookup exists, mid-2019 populations)
 * change the month generated. Exit codes: 1 when a request fails or has errors, 2 when a full run
 * missed a goal.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/data-source';
import { seedDatabase } from '../src/db/seed';
import { importPoliceUk } from '../src/import/police-uk/police-uk.importer';
import { generatePoliceUk } from './generate-police-uk';
import { assertAnswered, post } from './support/load';
import { EXIT_BROKEN, EXIT_GOAL_MISSED, machineLine, quietLine, quantile, runBenchmark, settingFromEnv, SMOKE } from './support/mode';
import { adHocOperation, BenchOperation } from './support/operations';
import { markdownTable, number } from './support/table';
import { startTarget } from './support/target';
import { watchCpu } from './support/contention';

const ROWS = SMOKE ? 20_000 : settingFromEnv('BENCH_ROWS', 450_000);
const MONTH = process.env.BENCH_MONTH ?? '2019-06';
const REQUESTS = SMOKE ? 3 : 30;
const WARM_UP = SMOKE ? 1 : 3;
const P50_GOAL_MS = 50;
/** More CPU than this taken by other processes while a query is timed, and it is timed again. */
const MAX_OTHERS_SHARE = 0.05;
const ENGLAND = 'E92000001';
const COUNTY = 'E10000018';
const INDICATOR = 'police-uk/all-crime/rate';

const valuesWithin = (area: string): BenchOperation => adHocOperation(
  `values(within: ${area}, type: DISTRICT)`,
  `query ValuesWithin($area: ID!, $period: ID!) { indicator(id: "${INDICATOR}") { values(within: $area, type: DISTRICT, period: $period) { area { id } value } } }`,
  { area, period: MONTH },
);
const districtComparison = (area: string): BenchOperation => adHocOperation(
  `districtComparison(area: ${area})`,
  `query DistrictComparison($area: ID!, $period: ID!) { indicator(id: "${INDICATOR}") { districtComparison(area: $area, period: $period) { members { area { id } outcome rank } } } }`,
  { area, period: MONTH },
);

/** How many items the answer lists: the size of what was asked. */
function answerSize(data: Record<string, unknown>): number {
  const indicator = data.indicator as { values?: unknown[]; districtComparison?: { members: unknown[] } } | null;
  return indicator?.values?.length ?? indicator?.districtComparison?.members.length ?? 0;
}

async function main(): Promise<number> {
  const load = await quietLine();
  const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  const databaseUrl = `sqlite:${join(dir, 'bench.sqlite')}`;
  try {
    console.log(machineLine());
    console.log(load);
    const generated = generatePoliceUk({ outDir: join(dir, 'police-uk'), month: MONTH, rows: ROWS, seed: 1 });
    console.log(`generated ${generated.files} street files for ${MONTH}: ${number(generated.rows)} rows over ${number(generated.lsoas)} LSOAs in ${generated.seconds.toFixed(2)} s`);

    const dataSource = await openDatabase(databaseUrl);
    try {
      await seedDatabase(dataSource);
      const started = process.hrtime.bigint();
      const summary = await importPoliceUk(dataSource, [generated.folder], { progress: false });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (summary.rows !== generated.rows) throw new Error(`the importer read ${summary.rows} rows of the ${generated.rows} generated`);
      console.log(`imported ${summary.files} files into SQLite in ${seconds.toFixed(2)} s: ${number(summary.rows / seconds)} rows/s (${number(summary.mapped)} placed in ${summary.districts} districts, ${number(summary.unmapped)} without a location)`);
    } finally {
      await dataSource.destroy();
    }

    const product = await startTarget('product-scale-cache-off', { kind: 'product', databaseUrl, responseCache: false });
    try {
      const rows: string[][] = [];
      const failures: string[] = [];
      const others: number[] = [];
      let missed = 0;
      for (const [england, county] of [[valuesWithin(ENGLAND), valuesWithin(COUNTY)], [districtComparison(ENGLAND), districtComparison(COUNTY)]]) {
        const statements = new Map<BenchOperation, number>();
        for (const operation of [england, county]) {
          const isEngland = operation === england;
          const goal = isEngland ? `p50 ≤ ${P50_GOAL_MS} ms` : 'statements as for England';
          // Each query is tried even when another failed, so that one missing field does not hide the rest.
          try {
            const answer = await post(product.url, operation.body);
            assertAnswered(operation.name, answer);
            if (answerSize(answer.json.data!) === 0) throw new Error(`${operation.name}: the answer lists no districts, so there is nothing to time`);
            // Statements of a second request: the first after start also reads the reference data, once per process.
            await product.statements();
            assertAnswered(operation.name, await post(product.url, operation.body));
            statements.set(operation, await product.statements());
            let times: number[] = [];
            // Timed again (twice at most) when other processes took more than a little CPU meanwhile.
            for (let attempt = 1; ; attempt++) {
              times = [];
              const watch = watchCpu([process.pid, product.pid]);
              for (let i = 0; i < WARM_UP + REQUESTS; i++) {
                const begun = process.hrtime.bigint();
                assertAnswered(operation.name, await post(product.url, operation.body));
                if (i >= WARM_UP) times.push(Number(process.hrtime.bigint() - begun) / 1e6);
              }
              const share = watch.othersShare();
              if (share !== null) others.push(share);
              if (SMOKE || share === null || share <= MAX_OTHERS_SHARE || attempt === 3) break;
              console.log(`${operation.name}: other processes used ${(share * 100).toFixed(0)}% of the CPU; timing again`);
            }
            const p50 = quantile(times, 0.5);
            let met: string;
            if (isEngland) {
              met = p50 <= P50_GOAL_MS ? 'met' : `missed by ${number(p50 - P50_GOAL_MS, 1)} ms`;
            } else {
              const forEngland = statements.get(england);
              met = forEngland === undefined ? 'England failed' : forEngland === statements.get(county) ? 'met' : `missed: ${forEngland} for England`;
            }
            if (met.startsWith('missed')) missed++;
            rows.push([operation.name, String(answerSize(answer.json.data!)), number(p50, 1), number(quantile(times, 0.99), 1), String(statements.get(operation)), goal, met]);
          } catch (error) {
            failures.push((error as Error).message);
            rows.push([operation.name, '', '', '', '', goal, 'FAILED (below)']);
          }
        }
      }
      console.log(`\nsequential requests over loopback HTTP, ${REQUESTS} after ${WARM_UP} warm-up${WARM_UP > 1 ? 's' : ''}, response cache off, period ${MONTH}`);
      console.log(markdownTable(['query (police-uk/all-crime/rate)', 'items', 'p50 ms', 'p99 ms', 'SQL statements', 'goal', 'met'], rows, new Set([1, 2, 3, 4])));
      if (others.length > 0) console.log(`other processes used at most ${(Math.max(...others) * 100).toFixed(0)}% of the CPU while a query was timed`);
      if (missed > 0) console.log(SMOKE ? `\n${missed} goal(s) missed; not enforced in a smoke run` : `\n${missed} goal(s) missed`);
      if (failures.length > 0) {
        console.error(`\n${failures.length} quer${failures.length === 1 ? 'y' : 'ies'} failed:\n${failures.map((f) => `- ${f}`).join('\n')}`);
        return EXIT_BROKEN;
      }
      return missed > 0 && !SMOKE ? EXIT_GOAL_MISSED : 0;
    } finally {
      await product.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) runBenchmark(main);
