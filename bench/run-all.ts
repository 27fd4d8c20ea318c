/**
 * `npm run bench` and `npm run bench:smoke` (`--smoke`: BENCH_SMOKE=1 for each): every benchmark
 * in turn, each in its own process, all of them even when one fails, then one line each.
 * Exits 1 when any benchmark broke, else 2 when a full run missed a goal, else 0; so CI, which
 * runs the smoke mode, fails when a benchmark no longer works and never on a figure.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHMARKS = ['import', 'query', 'throughput', 'scale', 'web'] as const;
const smoke = process.argv.includes('--smoke');

const outcomes = BENCHMARKS.map((name) => {
  console.log(`\n=== bench:${name}${smoke ? ' (smoke)' : ''} ===`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(__dirname, `${name}.bench.js`)], {
    stdio: 'inherit',
    env: { ...process.env, ...(smoke ? { BENCH_SMOKE: '1' } : {}) },
  });
  const code = run.status ?? 1;
  const said = code === 0 ? 'ok' : code === 2 ? 'worked, missed a goal' : `BROKEN (exit ${run.status ?? run.signal})`;
  return { name, code: code === 0 || code === 2 ? code : 1, line: `bench:${name.padEnd(11)} ${said}, ${((Date.now() - started) / 1000).toFixed(0)} s` };
});

console.log(`\n${outcomes.map((o) => o.line).join('\n')}`);
process.exitCode = outcomes.some((o) => o.code === 1) ? 1 : outcomes.some((o) => o.code === 2) ? 2 : 0;
