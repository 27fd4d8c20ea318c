/**
 * `npm run bench:import`: imports every police.uk download in ../shared/data/police-uk into a
 * fresh SQLite database, and compares it with a baseline measured in the same run: merely
 * unzipping the same files and splitting them into lines. Each is run three times; the median
 * is reported. Goals (from the issue): all of it in under 30 s on a 2-core machine, and within
 * 3x of the baseline.
 */
import 'reflect-metadata';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { openDatabase } from '../src/db/data-source';
import { seedGeography } from '../src/db/seed';
import { importPoliceUk } from '../src/import/police-uk/police-uk.importer';
import { streetFiles } from '../src/import/police-uk/sources';

const FOLDER = process.env.POLICE_UK_DATA ?? join(__dirname, '..', '..', '..', 'shared', 'data', 'police-uk');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function baseline(zips: string[]): Promise<{ seconds: number; lines: number }> {
  const started = process.hrtime.bigint();
  let lines = 0;
  for await (const file of streetFiles(zips)) {
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for await (const chunk of await file.open()) {
      const parts = (rest + decoder.write(chunk as Buffer)).split('\n');
      rest = parts.pop()!;
      lines += parts.length;
    }
    if (rest + decoder.end() !== '') lines++;
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, lines };
}

async function importOnce(zips: string[]): Promise<{ seconds: number; rows: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  try {
    const dataSource = await openDatabase(`sqlite:${join(dir, 'bench.sqlite')}`);
    try {
      await seedGeography(dataSource);
      const started = process.hrtime.bigint();
      const summary = await importPoliceUk(dataSource, zips, { progress: false });
      return { seconds: Number(process.hrtime.bigint() - started) / 1e9, rows: summary.rows };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  if (!existsSync(FOLDER)) {
    console.log(`bench:import skipped: ${FOLDER} is absent (set POLICE_UK_DATA to a folder of police.uk zips)`);
    return;
  }
  const zips = readdirSync(FOLDER).filter((f) => f.endsWith('.zip')).map((f) => join(FOLDER, f));
  const baselines: number[] = [];
  const imports: number[] = [];
  let rows = 0;
  let lines = 0;
  for (let run = 1; run <= RUNS; run++) {
    const b = await baseline(zips);
    const i = await importOnce(zips);
    baselines.push(b.seconds);
    imports.push(i.seconds);
    rows = i.rows;
    lines = b.lines;
    console.log(`run ${run}: baseline ${b.seconds.toFixed(2)} s, import ${i.seconds.toFixed(2)} s`);
  }
  const b = median(baselines);
  const i = median(imports);
  const ratio = i / b;
  console.log(`\n${zips.length} zips, ${rows.toLocaleString('en-GB')} rows (${lines.toLocaleString('en-GB')} lines with headers), median of ${RUNS} runs`);
  console.log(`baseline (unzip + split into lines): ${b.toFixed(2)} s, ${Math.round(lines / b).toLocaleString('en-GB')} lines/s`);
  console.log(`import into SQLite:                  ${i.toFixed(2)} s, ${Math.round(rows / i).toLocaleString('en-GB')} rows/s`);
  console.log(`import / baseline: ${ratio.toFixed(2)}x  (goal: within 3x — ${ratio <= 3 ? 'met' : 'NOT met'}; under 30 s — ${i < 30 ? 'met' : 'NOT met'})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
