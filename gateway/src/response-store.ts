import { createHash } from 'node:crypto';
import type { FormattedExecutionResult } from 'graphql';
import { Redis } from 'ioredis';

/**
 * Where the response cache keeps answers (response-cache.ts): one interface, two stores. `since` is
 * read with the lookup and handed back with the answer to store, so a store refuses an answer whose
 * request overlapped an invalidation of anything it was built from.
 */
export interface ResponseStore {
  /** Whether answers must come with their tags (cache-tags.ts): only a store the change stream invalidates needs them. */
  readonly invalidatedByTags: boolean;
  get(key: string): Promise<{ result: FormattedExecutionResult | null; since: number }>;
  set(key: string, result: FormattedExecutionResult, tags: readonly string[], since: number): Promise<void>;
  /** A mutation that may have written passed through this process. */
  mutated(): void;
  close(): Promise<void>;
}

/**
 * The default: answers in this process, emptied whole by any mutation through it (the generation is
 * `since`); writes arriving any other way are bounded by the TTL. Tags are not needed here.
 */
export class MemoryResponseStore implements ResponseStore {
  readonly invalidatedByTags = false;
  private readonly entries = new Map<string, { result: FormattedExecutionResult; expires: number }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5000,
  ) {}

  async get(key: string) {
    const entry = this.entries.get(key);
    const fresh = entry && entry.expires > Date.now() ? entry.result : null;
    return { result: fresh, since: this.generation };
  }

  async set(key: string, result: FormattedExecutionResult, _tags: readonly string[], since: number) {
    if (since !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { result, expires: Date.now() + this.ttlMs });
  }

  mutated() {
    this.generation += 1;
    this.entries.clear();
  }

  async close() {}
}

/** The namespace of the hub's keys in a shared Redis (RESPONSE_CACHE_PREFIX). */
export const DEFAULT_CACHE_PREFIX = 'ngo-hub:cache:';

/**
 * How long an invalidation is remembered against answers still being computed: a request that takes
 * longer than this is never stored (response-cache.ts checks its duration).
 */
export const INVALIDATION_MEMORY_MS = 10 * 60_000;

/**
 * Stores an answer unless one of its tags (or the whole namespace) was invalidated after `since`;
 * adds its key to each tag's set, scored by expiry so expired members are pruned as it goes.
 * KEYS: answer, flushed-at, then n tag sets, then n tag stamps. ARGV: answer, ttl ms, since, n.
 */
const STORE = `
local since, n = tonumber(ARGV[3]), tonumber(ARGV[4])
if tonumber(redis.call('GET', KEYS[2]) or '0') > since then return 0 end
for i = 1, n do
  if tonumber(redis.call('GET', KEYS[2 + n + i]) or '0') > since then return 0 end
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
for i = 1, n do
  local set = KEYS[2 + i]
  redis.call('ZREMRANGEBYSCORE', set, '-inf', now)
  redis.call('ZADD', set, now + tonumber(ARGV[2]), KEYS[1])
  redis.call('PEXPIRE', set, ARGV[2])
end
return 1`;

/**
 * Deletes every answer filed under the given tags and stamps each tag with a new generation, so an
 * answer computed before the change cannot be stored after it. KEYS: generation, n tag sets, n stamps.
 * ARGV: stamp lifetime ms.
 */
const INVALIDATE = `
local g = redis.call('INCR', KEYS[1])
local n = (#KEYS - 1) / 2
for i = 1, n do
  redis.call('SET', KEYS[1 + n + i], g, 'PX', ARGV[1])
  local members = redis.call('ZRANGE', KEYS[1 + i], 0, -1)
  for j = 1, #members, 500 do
    redis.call('UNLINK', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', KEYS[1 + i])
end
return g`;

/**
 * The shared store (REDIS_URL): every gateway replica reads and writes one namespace (`prefix`) in
 * Redis. Nothing here empties it on a mutation: the owners' change stream does, through `invalidate`
 * (the gateway's `/internal/events`, fed with every subgraph's audit entries), and a bulk load
 * through `flush`. Keys: `<prefix>r:<hash>` answers, `<prefix>tag:<tag>` tag sets of answer keys,
 * `<prefix>stamp:<tag>` when a tag was last invalidated, `<prefix>gen` and `<prefix>flushed`.
 */
export class RedisResponseStore implements ResponseStore {
  readonly invalidatedByTags = true;
  readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {
    // Redis down must not hold requests: no offline queue, one retry, a short command timeout.
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000 });
    // A connection error surfaces on each command (a miss, or a 503 to an outbox); not as a crash.
    this.redis.on('error', () => undefined);
  }

  /** Waits for the connection (or its first failure, or a few seconds), so the first requests can use it; down is not fatal. */
  async ready(timeoutMs = 5000): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done).off('error', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.redis.once('ready', done).once('error', done);
    });
  }

  private answerKey(key: string): string {
    return `${this.prefix}r:${createHash('sha256').update(key).digest('base64url')}`;
  }

  async get(key: string) {
    const [value, generation] = await this.redis.mget(this.answerKey(key), `${this.prefix}gen`);
    return { result: value ? (JSON.parse(value) as FormattedExecutionResult) : null, since: Number(generation ?? 0) };
  }

  async set(key: string, result: FormattedExecutionResult, tags: readonly string[], since: number) {
    await this.redis.eval(
      STORE,
      2 + 2 * tags.length,
      this.answerKey(key),
      `${this.prefix}flushed`,
      ...tags.map((t) => `${this.prefix}tag:${t}`),
      ...tags.map((t) => `${this.prefix}stamp:${t}`),
      JSON.stringify(result),
      this.ttlMs,
      since,
      tags.length,
    );
  }

  /** Answers live in Redis; the owners' change stream invalidates them, not a mutation seen here. */
  mutated() {}

  async invalidate(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    await this.redis.eval(
      INVALIDATE,
      1 + 2 * tags.length,
      `${this.prefix}gen`,
      ...tags.map((t) => `${this.prefix}tag:${t}`),
      ...tags.map((t) => `${this.prefix}stamp:${t}`),
      INVALIDATION_MEMORY_MS,
    );
  }

  async close() {
    this.redis.disconnect();
  }
}

/**
 * Empties a namespace: for changes that bypass the change stream (the bulk loader, SQL by hand).
 * Answers being computed meanwhile are refused (`flushed` is stamped first); then the keys go.
 */
export async function flushResponseCache(redis: Redis, prefix: string): Promise<number> {
  const generation = await redis.incr(`${prefix}gen`);
  await redis.set(`${prefix}flushed`, generation, 'PX', INVALIDATION_MEMORY_MS);
  let removed = 0;
  for (const pattern of [`${prefix}r:*`, `${prefix}tag:*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) removed += await redis.unlink(...keys);
    } while (cursor !== '0');
  }
  return removed;
}

/** Flushes the namespace at `url` (REDIS_URL) with its own short-lived connection (tools, operators). */
export async function flushSharedResponseCache(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    return await flushResponseCache(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
