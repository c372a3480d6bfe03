import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Env that starts our gateway with its rate limits off: a benchmark sends thousands of requests a
 * minute from one address, which the default budgets would answer with 429s instead of measuring.
 */
export const RATE_LIMITS_OFF = {
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
  RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '0',
} as const;

/** A process the benchmark started, pinned to a core, with its output in a log file. */
export interface Started {
  name: string;
  child: ChildProcess;
  pid: number;
  log: string;
  /** Resolves when the process has exited (after `stop`, or on its own). */
  exited: Promise<number | null>;
}

/** Starts `command` under `taskset -c <core>` (taskset execs it, so the pid is the program's own). */
export function startPinned(
  name: string,
  core: number | string,
  command: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  log: string,
): Started {
  const out = createWriteStream(log);
  const child = spawn('taskset', ['-c', String(core), ...command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { name, child, pid: child.pid!, log, exited };
}

export async function stop(started: Started): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return;
  started.child.kill('SIGTERM');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), 10_000);
  await started.exited;
  clearTimeout(timer);
}

/** Last lines of a log, to say why a process failed. */
export function tail(log: string, lines = 15): string {
  try {
    return readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(false)));
  });
}

/** Polls `check` until it is true, the process dies, or the time is up. */
export async function waitUntil(started: Started, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void started.exited.then(() => (dead = true));
  while (Date.now() < deadline) {
    if (dead) throw new Error(`${started.name} exited before it was ready:\n${tail(started.log)}`);
    try {
      if (await check()) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${started.name} was not ready within ${timeoutMs / 1000} s:\n${tail(started.log)}`);
}

/** `pid` and its descendants (a cluster primary's workers), from /proc. */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    /* gone */
  }
  return [pid, ...children.flatMap(processTree)];
}

/**
 * Peak resident set size (VmHWM) in MiB since the process started or since `resetPeakRss`, summed
 * over the process and its cluster workers (each one's own peak: an upper bound of their peak together).
 */
export function peakRssMiB(pid: number): number | null {
  let kB = 0;
  for (const member of processTree(pid)) {
    try {
      const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${member}/status`, 'utf8'));
      if (match) kB += Number(match[1]);
      else if (member === pid) return null;
    } catch {
      if (member === pid) return null;
    }
  }
  return Math.round(kB / 102.4) / 10;
}

/** Resets VmHWM to the current RSS (Linux `clear_refs` 5) of the process and its workers, so each window gets its own peak. */
export function resetPeakRss(pid: number): boolean {
  try {
    for (const member of processTree(pid)) writeFileSync(`/proc/${member}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux x86-64 and arm64). */
const USER_HZ = 100;

/**
 * CPU seconds (user + system) the process and its workers have used so far: the difference over a
 * run, divided by its requests, is what one request costs that process, whatever else ran beside it.
 */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${member}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / USER_HZ;
}
