/** Starts a benchmark target (bench/target.process.ts) in a child process and talks to it. */
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

export type TargetSpec =
  | { kind: 'product'; databaseUrl: string; responseCache: boolean }
  | { kind: 'bare-apollo'; responseFile: string }
  | { kind: 'plain-http'; responseFile: string };

export interface Target {
  readonly label: string;
  readonly url: string;
  /** The target's process id. */
  readonly pid: number;
  /** SQL statements the target ran since it was last asked (products only; 0 for anchors). */
  statements(): Promise<number>;
  stop(): Promise<void>;
}

export interface TargetOptions {
  /** Write a V8 CPU profile of the target into this folder when it stops (node --cpu-prof). */
  cpuProfileDir?: string;
}

function nextMessage<T>(child: ChildProcess, type: string, label: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }): void => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as T);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`benchmark target ${label} exited (code ${code}) before answering "${type}"`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export async function startTarget(label: string, spec: TargetSpec, options: TargetOptions = {}): Promise<Target> {
  const execArgv = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir, '--cpu-prof-name', `${label}.cpuprofile`] : [];
  // As `npm start` serves (src/production-default.ts): graphql-js's production build, no stack
  // traces; the anchors run the same way, so the comparison is like for like.
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' };
  const child = fork(join(__dirname, '..', 'target.process.js'), [JSON.stringify(spec)], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url } = await nextMessage<{ url: string }>(child, 'listening', label);
  let stopped: Promise<void> | null = null;
  return {
    label,
    url,
    pid: child.pid!,
    async statements() {
      const answer = nextMessage<{ count: number }>(child, 'statements', label);
      child.send({ type: 'statements' });
      return (await answer).count;
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' });
      });
      return stopped;
    },
  };
}
