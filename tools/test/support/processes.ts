import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on loopback (ask the OS, then release it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The environment of a process as an operator starts it: no NODE_ENV=test, which Jest sets and Apollo reads. */
export function operatorEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_ENV;
  delete env.JEST_WORKER_ID;
  return env;
}

/** Live processes of a process group, by pid, with their command lines (read from /proc). */
export function groupMembers(pgid: number): Map<number, string> {
  const members = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command: state ppid pgrp ...
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) !== pgid || state === 'Z') continue;
      members.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim());
    } catch {
      /* exited while we looked */
    }
  }
  return members;
}

export interface Launched {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `pattern` in the output (rejects after `timeoutMs` or on exit). */
  waitFor: (pattern: RegExp, timeoutMs: number) => Promise<RegExpMatchArray>;
  /** Resolves with exit code, signal and the time it took from now. */
  exited: () => Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

const launchedGroups = new Set<number>();

/** Kills whatever a failed test left running, so the next test finds its ports free. */
export function killLeftovers(): void {
  for (const pgid of launchedGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  launchedGroups.clear();
}

/** Starts a real process in its own process group (as a terminal would), capturing its output. */
export function launch(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Launched {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  launchedGroups.add(child.pid!);
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (!match) return;
          finish();
          resolve(match);
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exit.then(({ code, signal }) => {
          if (listeners.has(check)) {
            finish();
            reject(new Error(`exited (${signal ?? code}) before ${pattern}:\n${output}`));
          }
        });
        check();
      }),
    exited: async () => {
      const from = Date.now();
      const result = await exit;
      return { ...result, ms: Date.now() - from };
    },
  };
}

export { eventually } from '@ngo-hub/kit/testing';
