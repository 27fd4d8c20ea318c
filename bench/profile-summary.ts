/**
 * Where a server's time went: the functions with the most self time in V8 CPU profiles (as
 * written by `node --cpu-prof`, or BENCH_CPU_PROF=<folder> for the throughput benchmark).
 *
 *   node build/bench/profile-summary.js <folder or .cpuprofile ...> [--top 12]
 *
 * Self time is summed per function (name, file, line) over the whole profile, and per package
 * (node_modules/<package>, the project's own build/src/<folder>, node: internals); garbage
 * collection is listed as V8 names it, "(garbage collector)". A profile covers the whole process,
 * start-up included (module loading shows as wrapSafe, readFileUtf8).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

const ROOT = join(__dirname, '..', '..');

function where(url: string, line: number): string {
  if (url === '') return '';
  const path = url.replace(/^file:\/\//, '');
  const short = path.includes('/node_modules/') ? path.slice(path.lastIndexOf('/node_modules/') + '/node_modules/'.length) : path.startsWith(ROOT) ? relative(ROOT, path) : path;
  return ` ${short}:${line + 1}`;
}

function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'node (native)';
  if (url.startsWith('node:')) return 'node (internal)';
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const [scope, name] = path.slice(inModules + '/node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const own = relative(ROOT, path).split('/');
  return own[0] === 'build' ? own.slice(1, 3).join('/') : own[0];
}

export function selfTimes(profile: CpuProfile, by: 'function' | 'package' = 'function'): SelfTime[] {
  const nameOf = new Map(profile.nodes.map((n) => [n.id, by === 'package'
    ? packageOf(n.callFrame.url, n.callFrame.functionName)
    : `${n.callFrame.functionName || '(anonymous)'}${where(n.callFrame.url, n.callFrame.lineNumber)}`]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    all += ms;
    const name = nameOf.get(id) ?? '(unknown)';
    totals.set(name, (totals.get(name) ?? 0) + ms);
  });
  return [...totals].map(([name, ms]) => ({ name, ms, share: ms / all })).sort((a, b) => b.ms - a.ms);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 12;
  const inputs = args.filter((a, i) => a !== '--top' && (topAt < 0 || i !== topAt + 1));
  const files = inputs.flatMap((input) => (statSync(input).isDirectory() ? readdirSync(input).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(input, f)) : [input]));
  if (files.length === 0) {
    console.error('usage: node build/bench/profile-summary.js <folder or .cpuprofile ...> [--top 12]');
    process.exit(1);
  }
  for (const file of files.sort()) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const busy = (by: 'function' | 'package'): SelfTime[] => selfTimes(profile, by).filter((t) => t.name !== '(idle)' && t.name !== '(program)');
    const functions = busy('function');
    const busyMs = functions.reduce((sum, t) => sum + t.ms, 0);
    const share = (t: SelfTime): string => `${(t.ms / busyMs * 100).toFixed(1).padStart(5)}%`;
    console.log(`\n${basename(file)}: ${(busyMs / 1000).toFixed(1)} s busy (idle and "(program)" left out); share of busy time by self time`);
    console.log(`by package: ${busy('package').slice(0, 10).map((t) => `${t.name} ${share(t).trim()}`).join(', ')}`);
    for (const t of functions.slice(0, top)) console.log(`${share(t)}  ${t.name}`);
  }
}
