/**
 * Body of `npm test`: runs the compiled test suite twice, first on SQLite and
 * then on a real PostgreSQL, and prints one combined summary.
 *
 *   node build/scripts/run-tests.js [node --test flags] [paths...]   (default path: build/test/)
 *
 * Environment:
 *   TEST_DATABASES     "sqlite", "postgres" or unset (both).
 *   TEST_POSTGRES_URL  use this server instead of starting a throwaway cluster;
 *                      its user must be allowed to CREATE DATABASE.
 *   CI=true            a missing PostgreSQL fails the run instead of skipping it.
 *
 * The tests themselves only read TEST_DATABASE_URL, which this script unsets
 * for the SQLite run and sets to the PostgreSQL URL for the second run.
 *
 * Only node built-ins are used so that the runner works before and regardless
 * of what the project's dependencies do.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

type Db = 'sqlite' | 'postgres';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface Outcome extends Counts {
  db: Db;
  /** What the breakdown line says after the counts. */
  note: string;
  ok: boolean;
}

interface Cluster {
  baseDir: string;
  dataDir: string;
  binDir: string;
  port: number;
}

const DEFAULT_TARGET = 'build/test/';
// Recognisable prefix so a later run can find clusters leaked by a killed runner.
const CLUSTER_PREFIX = 'run-tests-pg-';
const RUNNER_PID_FILE = 'runner.pid';
const PG_TOOLS = ['initdb', 'pg_ctl', 'postgres'];

let cluster: Cluster | undefined;
let currentChild: ChildProcess | undefined;
let interrupted: NodeJS.Signals | undefined;

function say(line: string): void {
  // Runner messages go to stdout so they interleave in order with the TAP stream.
  process.stdout.write(`${line}\n`);
}

function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)}s`;
}

// ---------------------------------------------------------------------------
// Arguments and environment

/** Bad arguments or environment: reported without a stack trace, exit 2. */
class UsageError extends Error {}

function parseDatabases(value: string | undefined): Db[] {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'all' || v === 'both') return ['sqlite', 'postgres'];
  const out: Db[] = [];
  for (const part of v.split(/[\s,]+/).filter(Boolean)) {
    const db: Db | undefined =
      part === 'sqlite' ? 'sqlite' : ['postgres', 'postgresql', 'pg'].includes(part) ? 'postgres' : undefined;
    if (!db) throw new UsageError(`TEST_DATABASES=${value}: expected "sqlite", "postgres" or both`);
    if (!out.includes(db)) out.push(db);
  }
  // Keep SQLite first whatever the order given: it is the quicker signal.
  return (['sqlite', 'postgres'] as Db[]).filter((d) => out.includes(d));
}

/**
 * Anything not starting with "-" is a path. Flags must use the --flag=value
 * form, otherwise their value would be taken for a path.
 */
function testArgs(argv: string[]): string[] {
  const hasPath = argv.some((a) => !a.startsWith('-'));
  return hasPath ? argv : [...argv, DEFAULT_TARGET];
}

function redactUrl(url: string): string {
  // Never print a password from TEST_POSTGRES_URL into CI logs.
  return url.replace(/^(\w+:\/\/[^:/@]*):[^@]*@/, '$1:***@');
}

// ---------------------------------------------------------------------------
// Running node --test

const SUMMARY_LINE = /^(?:#|ℹ) (pass|fail|cancelled|skipped|todo) (\d+)\s*$/;
const ANSI = /\x1b\[[0-9;]*m/g;

function runSuite(db: Db, args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    // stdin ignored: CI has none, and a test waiting on it would hang forever.
    const child = spawn(process.execPath, ['--test', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    currentChild = child;
    // Node prints the totals once, at the very end; the last match wins so that
    // a test's own console output looking like "# pass 3" cannot override it.
    const seen = new Map<string, number>();
    let partial = '';
    const scan = (line: string): void => {
      const m = SUMMARY_LINE.exec(line.replace(ANSI, ''));
      if (m) seen.set(m[1], Number(m[2]));
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      process.stdout.write(chunk);
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(scan);
    });
    child.on('error', (err) => {
      currentChild = undefined;
      reject(err);
    });
    child.on('close', (code, signal) => {
      currentChild = undefined;
      scan(partial);
      const counts: Counts = {
        passed: seen.get('pass') ?? 0,
        // Cancelled tests (e.g. a file that timed out) make node --test fail too.
        failed: (seen.get('fail') ?? 0) + (seen.get('cancelled') ?? 0),
        skipped: seen.get('skipped') ?? 0,
      };
      const problems: string[] = [];
      if (signal) problems.push(`node --test killed by ${signal}`);
      else if (code !== 0) problems.push(`node --test exited with code ${code}`);
      if (!seen.has('pass')) problems.push('no test summary seen');
      const ok = code === 0 && !signal && counts.failed === 0 && seen.has('pass');
      const todo = seen.get('todo') ?? 0;
      const extra = todo > 0 ? ` (${todo} todo)` : '';
      resolve({ db, ...counts, ok, note: ok ? `ok${extra}` : `FAILED${problems.length ? `: ${problems.join(', ')}` : ''}${extra}` });
    });
  });
}

// ---------------------------------------------------------------------------
// Finding and running PostgreSQL

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function hasPgTools(dir: string): boolean {
  return PG_TOOLS.every((tool) => isExecutable(path.join(dir, tool)));
}

function compareVersionsDesc(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] || 0) - (pa[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Debian layout (newest version first), then pg_config, then PATH. */
function findPgBinDir(): string | undefined {
  const debianRoot = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = fs.readdirSync(debianRoot).filter((v) => /^\d+(\.\d+)*$/.test(v));
  } catch {
    // No Debian-style install.
  }
  for (const v of versions.sort(compareVersionsDesc)) {
    const dir = path.join(debianRoot, v, 'bin');
    if (hasPgTools(dir)) return dir;
  }
  const cfg = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  if (cfg.status === 0 && cfg.stdout.trim() && hasPgTools(cfg.stdout.trim())) return cfg.stdout.trim();
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && hasPgTools(dir)) return dir;
  }
  return undefined;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** uid/gid of the "postgres" OS user, needed because initdb refuses to run as root. */
function postgresUser(): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const fields = line?.split(':');
  if (!fields || fields.length < 4) {
    throw new Error(
      "running as root, but there is no 'postgres' OS user to run the server as (initdb refuses to run as root); " +
        'install the postgresql package, or run the tests as a normal user',
    );
  }
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/** Runs a PostgreSQL tool as the postgres user when we are root, directly otherwise. */
function runPgTool(binDir: string, tool: string, args: string[], cwd: string) {
  const exe = path.join(binDir, tool);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  // cwd inside the cluster dir: the postgres user may not be able to enter ours.
  return spawnSync(cmd, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = addr && typeof addr === 'object' ? addr.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(port))) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops the server of a cluster directory if it runs, then removes the directory. */
function destroyClusterDir(baseDir: string, binDir: string | undefined): void {
  const dataDir = path.join(baseDir, 'data');
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    // immediate: the data is thrown away, so no shutdown checkpoint is needed.
    const r = binDir ? runPgTool(binDir, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30', '-s'], baseDir) : undefined;
    if (!r || r.status !== 0) {
      // Last resort; its backends exit on their own once the postmaster is gone.
      const pid = Number(tail(pidFile, 1000).split('\n')[0]);
      if (pid > 0 && pidAlive(pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
  }
  fs.rmSync(baseDir, { recursive: true, force: true });
}

/** Removes clusters left behind by runners that were killed (SIGKILL cannot be trapped). */
function sweepStaleClusters(binDir: string): void {
  let names: string[] = [];
  try {
    names = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(CLUSTER_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const baseDir = path.join(os.tmpdir(), name);
    let owner: number;
    try {
      owner = Number(fs.readFileSync(path.join(baseDir, RUNNER_PID_FILE), 'utf8'));
    } catch {
      continue; // Being created right now, or not ours to judge.
    }
    if (!(owner > 0) || pidAlive(owner)) continue;
    try {
      destroyClusterDir(baseDir, binDir);
      say(`run-tests: removed stale PostgreSQL cluster ${baseDir} (runner ${owner} is gone)`);
    } catch {
      // Someone else's, or already removed: not worth failing the run over.
    }
  }
}

async function startCluster(binDir: string): Promise<Cluster> {
  sweepStaleClusters(binDir);
  const t0 = Date.now();
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), CLUSTER_PREFIX));
  const dataDir = path.join(baseDir, 'data');
  const logFile = path.join(baseDir, 'server.log');
  // Registered before anything can fail, so cleanup always finds it.
  cluster = { baseDir, dataDir, binDir, port: 0 };
  fs.writeFileSync(path.join(baseDir, RUNNER_PID_FILE), String(process.pid));
  if (isRoot()) {
    const { uid, gid } = postgresUser();
    fs.chownSync(baseDir, uid, gid);
  }

  const init = runPgTool(
    binDir,
    'initdb',
    // --no-sync: nothing here has to survive a crash.
    ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    baseDir,
  );
  if (init.status !== 0) {
    throw new Error(`initdb failed (${init.error?.message ?? `exit ${init.status}`}):\n${init.stdout ?? ''}${init.stderr ?? ''}`);
  }
  const initTime = seconds(t0);

  // The port from binding 0 can be taken by someone else before the server
  // binds it, so retry with a fresh one a few times.
  const t1 = Date.now();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const opts = [
      '-c listen_addresses=127.0.0.1',
      `-p ${port}`,
      // Own socket directory: /var/run/postgresql may not exist or be writable.
      `-k ${shellQuote(baseDir)}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      // Test files run in parallel, each with its own connection pool.
      '-c max_connections=200',
    ].join(' ');
    const start = runPgTool(binDir, 'pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-s', '-o', opts], baseDir);
    if (start.status === 0) {
      cluster.port = port;
      await waitForPort(port, 30_000);
      const version = spawnSync(path.join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? 'PostgreSQL';
      say(`run-tests: ${version} started on 127.0.0.1:${port} in ${seconds(t0)} (initdb ${initTime}, start ${seconds(t1)}); data in ${dataDir}`);
      return cluster;
    }
    const log = tail(logFile);
    if (attempt < 3 && /could not (bind|create listen socket)|Address already in use/i.test(log)) {
      say(`run-tests: port ${port} was taken, retrying`);
      // A failed start may leave nothing running, but make sure.
      runPgTool(binDir, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-s'], baseDir);
      continue;
    }
    throw new Error(`pg_ctl start failed (${start.error?.message ?? `exit ${start.status}`}):\n${start.stdout ?? ''}${start.stderr ?? ''}\n--- ${logFile} ---\n${log}`);
  }
}

/** Synchronous so that it can run from signal and exit handlers too. Idempotent. */
function stopCluster(): void {
  const c = cluster;
  if (!c) return;
  cluster = undefined;
  const t0 = Date.now();
  try {
    destroyClusterDir(c.baseDir, c.binDir);
    say(`run-tests: PostgreSQL stopped and ${c.baseDir} removed in ${seconds(t0)}`);
  } catch (err) {
    process.stderr.write(`run-tests: could not clean up ${c.baseDir}: ${(err as Error).message}\n`);
  }
}

// ---------------------------------------------------------------------------
// Signals: forward to the running tests, then clean up.

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function signalExitCode(sig: NodeJS.Signals): number {
  return 128 + (os.constants.signals[sig] ?? 1);
}

function onSignal(sig: NodeJS.Signals): void {
  if (interrupted || !currentChild) {
    // Second signal, or nothing to wait for: stop now.
    stopCluster();
    process.exit(signalExitCode(sig));
  }
  interrupted = sig;
  process.stderr.write(`\nrun-tests: ${sig} received, stopping the tests\n`);
  const child = currentChild;
  child.kill(sig);
  // main() resumes once the child is gone and cleans up; don't wait forever.
  setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
}

// ---------------------------------------------------------------------------

async function main(): Promise<number> {
  const databases = parseDatabases(process.env.TEST_DATABASES);
  const args = testArgs(process.argv.slice(2));
  const outcomes: Outcome[] = [];
  const notRun: string[] = [];
  let setupFailed = false;
  let step = 0;
  const heading = (what: string): void =>
    say(`\n=== [${++step}/${databases.length}] ${what}: node --test ${args.join(' ')} ===`);

  try {
    if (databases.includes('sqlite')) {
      const env = { ...process.env };
      delete env.TEST_DATABASE_URL;
      heading('SQLite (TEST_DATABASE_URL unset)');
      outcomes.push(await runSuite('sqlite', args, env));
    }

    if (databases.includes('postgres') && !interrupted) {
      let url = process.env.TEST_POSTGRES_URL?.trim() || undefined;
      let label = '';
      if (url) {
        if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError('TEST_POSTGRES_URL must start with postgres://');
        label = `PostgreSQL at ${redactUrl(url)} (TEST_POSTGRES_URL)`;
      } else {
        const binDir = findPgBinDir();
        if (binDir) {
          try {
            const c = await startCluster(binDir);
            url = `postgres://postgres@127.0.0.1:${c.port}/postgres`;
            label = `PostgreSQL at ${url} (throwaway cluster)`;
          } catch (err) {
            setupFailed = true;
            process.stderr.write(`run-tests: could not start PostgreSQL: ${(err as Error).message}\n`);
            notRun.push('postgres: FAILED: could not start the throwaway cluster');
          }
        } else {
          say(
            '\nPostgreSQL suite skipped: no TEST_POSTGRES_URL and no PostgreSQL server binaries found (install the postgresql package)',
          );
          if (process.env.CI === 'true') {
            setupFailed = true;
            say('run-tests: CI=true, so a missing PostgreSQL is a failure');
            notRun.push('postgres: FAILED: no PostgreSQL (CI=true)');
          } else {
            notRun.push('postgres: skipped: no PostgreSQL found');
          }
        }
      }
      if (url && !interrupted) {
        heading(label);
        outcomes.push(await runSuite('postgres', args, { ...process.env, TEST_DATABASE_URL: url }));
      }
    }
  } finally {
    stopCluster();
  }

  if (interrupted) return signalExitCode(interrupted);

  // Per-database breakdown, then the totals as the very last line.
  say('');
  for (const o of outcomes) say(`${o.db}: ${o.passed} passed, ${o.failed} failed, ${o.skipped} skipped - ${o.note}`);
  for (const line of notRun) say(line);
  const total = outcomes.reduce(
    (t, o) => ({ passed: t.passed + o.passed, failed: t.failed + o.failed, skipped: t.skipped + o.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  say(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return setupFailed || outcomes.some((o) => !o.ok) ? 1 : 0;
}

for (const sig of SIGNALS) process.on(sig, onSignal);
// Covers process.exit() and uncaught errors alike.
process.on('exit', stopCluster);

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    stopCluster();
    process.stderr.write(`run-tests: ${err instanceof UsageError ? err.message : ((err as Error)?.stack ?? String(err))}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
