#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { perSubgraph, SUBGRAPHS, subgraphPortVariable } from '@ngo-hub/kit/roster';
import { freePort } from './processes.js';

/**
 * `npm run bench:footprint`: what `npm start` costs a laptop. Starts the stack the way a user does
 * (`npm start` on a built tree) on a fresh data directory, then again on the same one; each time it
 * takes the time to "gateway ready", lets the hub idle, and sums the memory of the whole process tree
 * under `npm start` (npm, launcher with the gateway, subgraphs, the embedded PostgreSQL) from /proc:
 * RSS (each process's resident memory, pages shared between processes counted in each) and PSS (shared
 * pages divided among their sharers, so the sum is what the tree really holds). Then stops it (Ctrl-C).
 *
 *   npm run bench:footprint -- [--embedded postgres|pglite] [--idle 30] [--starts 2]
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const { values: args } = parseArgs({
  options: {
    embedded: { type: 'string', default: 'postgres' },
    idle: { type: 'string', default: '30' },
    starts: { type: 'string', default: '2' },
  },
});

interface Memory {
  pid: number;
  kind: string;
  rssKiB: number;
  pssKiB: number;
}

/** Every live descendant of `root` (by parent pid, so the server that left the terminal's group counts too). */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* exited while we looked */
    }
  }
  const found: number[] = [];
  for (let todo = [root]; todo.length > 0; ) {
    const pid = todo.pop()!;
    found.push(pid);
    todo = [...todo, ...(children.get(pid) ?? [])];
  }
  return found;
}

function kindOf(command: string): string {
  if (command.includes('launcher/stack.js')) return 'launcher + gateway';
  if (/subgraphs\/\w+\/dist\/main\.js/.test(command)) return 'subgraphs';
  if (command.startsWith('postgres') || command.includes('/bin/postgres') || command.includes('postgres-watchdog'))
    return 'postgresql';
  if (command.includes('npm')) return 'npm start';
  return 'other';
}

function memory(root: number): Memory[] {
  const result: Memory[] = [];
  for (const pid of tree(root)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      result.push({ pid, kind: kindOf(command), rssKiB: field('Rss'), pssKiB: field('Pss') });
    } catch {
      /* exited, or a kernel thread */
    }
  }
  return result;
}

const mib = (kib: number) => Math.round(kib / 1024);

/**
 * CPU time the tree has used (its live processes, plus children they have reaped, such as the build
 * check): on a busy machine the wall time to "ready" says more about the neighbours than about the hub.
 */
function cpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of tree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime: fields 14–17 of stat, 11–14 after the command.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      /* exited */
    }
  }
  return ticks / 100;
}

async function once(dataDir: string, label: string): Promise<void> {
  const ports = await Promise.all(Array.from({ length: SUBGRAPHS.length + 1 }, freePort));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(ports[0]),
    ...perSubgraph(subgraphPortVariable, (name) => String(ports[SUBGRAPHS.indexOf(name) + 1])),
    DATA_DIR: dataDir,
    EMBEDDED_DB: args.embedded,
  };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  const loadBefore = loadavg()[0]!;
  const started = Date.now();
  const hub = spawn('npm', ['start'], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  hub.stdout!.on('data', (chunk) => (output += chunk));
  hub.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((done) => hub.once('exit', () => done()));
  await new Promise<void>((done, fail) => {
    const timer = setInterval(() => {
      if (/gateway ready in/.test(output)) done();
      else if (hub.exitCode !== null) fail(new Error(`npm start exited before it was ready:\n${output}`));
      else if (Date.now() - started > 300_000) fail(new Error(`not ready within 300 s:\n${output}`));
      if (/gateway ready in/.test(output) || hub.exitCode !== null) clearInterval(timer);
    }, 20);
  });
  const readyMs = Date.now() - started;
  const cpuToReady = cpuSeconds(hub.pid!);
  const launcherSays = /gateway ready in ([\d.]+) s/.exec(output)![1];
  await new Promise((r) => setTimeout(r, Number(args.idle) * 1000));
  const processes = memory(hub.pid!);
  const byKind = new Map<string, { rss: number; pss: number; count: number }>();
  for (const p of processes) {
    const sum = byKind.get(p.kind) ?? { rss: 0, pss: 0, count: 0 };
    byKind.set(p.kind, { rss: sum.rss + p.rssKiB, pss: sum.pss + p.pssKiB, count: sum.count + 1 });
  }
  const total = (pick: (m: Memory) => number, skipNpm = false) =>
    mib(processes.filter((p) => !skipNpm || p.kind !== 'npm start').reduce((s, p) => s + pick(p), 0));
  const stopAt = Date.now();
  process.kill(-hub.pid!, 'SIGINT');
  await exited;
  // npm may exit before its child: stopped means every process of the tree is gone.
  const alive = () => processes.filter((p) => existsSync(`/proc/${p.pid}`)).length;
  while (alive() > 0 && Date.now() - stopAt < 15_000) await new Promise((r) => setTimeout(r, 20));
  const stopMs = Date.now() - stopAt;
  const lingering = alive();
  console.log(`\n${label} (EMBEDDED_DB=${args.embedded})`);
  console.log(
    `  npm start → gateway ready: ${(readyMs / 1000).toFixed(1)} s (launcher alone: ${launcherSays} s; ` +
      `CPU time used by then: ${cpuToReady.toFixed(1)} s; load average before: ${loadBefore.toFixed(1)} on ${cpus().length} cores)`,
  );
  for (const [kind, { rss, pss, count }] of byKind)
    console.log(
      `  ${kind.padEnd(20)} ${String(count).padStart(2)} processes  RSS ${mib(rss)} MiB  PSS ${mib(pss)} MiB`,
    );
  console.log(
    `  whole tree after ${args.idle} s idle: RSS ${total((p) => p.rssKiB)} MiB, PSS ${total((p) => p.pssKiB)} MiB` +
      ` (without npm's own process: RSS ${total((p) => p.rssKiB, true)} MiB, PSS ${total((p) => p.pssKiB, true)} MiB)`,
  );
  console.log(
    `  stopped (Ctrl-C) in ${(stopMs / 1000).toFixed(1)} s${lingering ? `, ${lingering} processes left!` : ''}`,
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'ngo-hub-footprint-'));
try {
  for (let start = 1; start <= Number(args.starts); start++)
    await once(dataDir, start === 1 ? 'first start (fresh data directory)' : `start ${start} (data kept)`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
