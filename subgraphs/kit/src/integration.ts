import { inTransaction, type MikroORM, type Tx } from './orm.js';
import type { Logger } from './logger.js';
import { pgArrayLiteral } from './sql.js';

/**
 * Integration messages: how a subgraph tells the others about a change to data it owns, without any
 * of them reading its tables. The topics, their payloads, publishers and subscribers are declared in
 * topics.ts; this file is the mechanism. Messages carry STATE, not deltas: one row per (topic, key)
 * holding the latest payload and a rising version, so a subscriber that missed or re-receives
 * messages still converges on the owner's state.
 *
 * Outbox (publisher): `recordOutbox` (topics.ts) inside the owner's transaction. Delivery: after a
 * mutation commits the server hands pending messages to the transport before it answers; what could
 * not be delivered is retried in the background. Two transports (`IntegrationTransport`): the
 * embedded HTTP push (`HttpPush`, the default: each subscriber's `POST /internal/events` applies the
 * batch before answering, so data derived elsewhere is correct right after the change) and NATS
 * JetStream (jetstream.ts, with `NATS_URL`: the mutation answers once the broker holds its messages).
 * Inbox (subscriber): applied idempotently through an inbox of versions, then handed to the
 * subscriber's handler for its topic. The route, the batch's `events` field and `EVENT_SUBSCRIBERS`
 * keep their names: operators and running peers rely on them.
 */
export interface IntegrationMessage<P = unknown> {
  topic: string;
  key: string;
  /** `null` means the keyed thing no longer exists. */
  payload: P | null;
  version: number;
}

export interface IntegrationBatch {
  publisher: string;
  events: IntegrationMessage[];
}

/** A handler as the mechanism sees it: any topic, any payload (topics.ts types them). */
type RawHandler = (tx: Tx, messages: IntegrationMessage<any>[]) => Promise<void>;

/**
 * Writes the new state of `key` to the outbox of `schema`: the untyped primitive under
 * `recordOutbox`, not exported from the package (subgraphs record through the registry).
 * (A row whose `delivered_to` holds `*` was bulk-loaded together with every read model derived
 * from it, so it counts as delivered to every subscriber until its state changes again.)
 */
export async function writeOutbox(tx: Tx, schema: string, topic: string, key: string, payload: unknown): Promise<void> {
  await tx.execute(
    `/* outbox.record */ insert into ${schema}.outbox (topic, key, payload, version)
     values (?, ?, ?::jsonb, nextval('${schema}.outbox_version'))
     on conflict (topic, key) do update
       set payload = excluded.payload, version = excluded.version, recorded_at = now(), delivered_to = '{}'`,
    [topic, key, payload === null ? null : JSON.stringify(payload)],
  );
}

/** Keeps only the messages newer than what this subscriber already applied, and remembers them. */
async function admitNewer(tx: Tx, schema: string, batch: IntegrationBatch): Promise<IntegrationMessage[]> {
  if (batch.events.length === 0) return [];
  const rows = await tx.execute(
    `/* inbox.admit */ insert into ${schema}.inbox (publisher, topic, key, version)
     select ?, e.topic, e.key, e.version
     from unnest(?::text[], ?::text[], ?::bigint[]) as e(topic, key, version)
     on conflict (publisher, topic, key) do update set version = excluded.version
       where ${schema}.inbox.version < excluded.version
     returning topic, key, version`,
    [
      batch.publisher,
      pgArrayLiteral(batch.events.map((e) => e.topic)),
      pgArrayLiteral(batch.events.map((e) => e.key)),
      pgArrayLiteral(batch.events.map((e) => String(e.version))),
    ],
  );
  const admitted = new Set(rows.map((r) => `${r.topic}\u0000${r.key}\u0000${r.version}`));
  return batch.events.filter((e) => admitted.has(`${e.topic}\u0000${e.key}\u0000${e.version}`));
}

/**
 * The newest message of each (topic, key), in the batch's order: a broker's batch may hold several
 * states of one key (quick successive writes, a redelivery), and as messages carry state the newest
 * alone says everything (the inbox could not admit two rows of one key in one statement either).
 */
function latestPerKey(events: IntegrationMessage[]): IntegrationMessage[] {
  const newest = new Map<string, IntegrationMessage>();
  for (const event of events) {
    const id = `${event.topic}\u0000${event.key}`;
    const seen = newest.get(id);
    if (!seen || seen.version < event.version) newest.set(id, event);
  }
  return events.filter((e) => newest.get(`${e.topic}\u0000${e.key}`) === e);
}

/** Applies a received batch in one transaction: stale or repeated messages are skipped. */
export async function applyIntegrationBatch(
  orm: MikroORM,
  schema: string,
  handlers: { readonly [topic: string]: RawHandler | undefined },
  batch: IntegrationBatch,
): Promise<number> {
  return inTransaction(orm.em.fork(), async (tx) => {
    const events = latestPerKey(batch.events.filter((e) => handlers[e.topic]));
    const fresh = await admitNewer(tx, schema, { ...batch, events });
    const byTopic = new Map<string, IntegrationMessage[]>();
    for (const event of fresh) byTopic.set(event.topic, [...(byTopic.get(event.topic) ?? []), event]);
    for (const [topic, events] of byTopic) await handlers[topic]!(tx, events);
    return fresh.length;
  });
}

/**
 * How outbox messages leave a subgraph (and, for a broker, how others' messages arrive). The rest of
 * the code sees only this: `OutboxDelivery` reads pending rows, `send`s them and records each
 * destination in `delivered_to` once `send` resolved.
 */
export interface IntegrationTransport {
  /** Where pending rows go, by the name `delivered_to` records once one holds them. */
  destinations(): readonly string[];
  /** Hands one batch to `destination`; resolves only once it holds the batch for good, else throws. */
  send(destination: string, batch: IntegrationBatch): Promise<void>;
  /** HTTP push: the subscribers' base URLs (a broker routes to its consumers instead). */
  setSubscribers?(urls: string[]): void;
  /** A broker: starts handing other subgraphs' messages to `apply` (the HTTP push posts them to the route). */
  receive?(apply: (batch: IntegrationBatch) => Promise<number>): void;
  close(): Promise<void>;
}

/**
 * The next rows a subscriber (`?`) is owed, oldest first. The first condition is the predicate of
 * the partial index `outbox_pending_idx` (migrations/integration.ts), which lets the scan skip rows
 * a bulk load marked delivered to everyone.
 */
export function pendingOutboxSql(schema: string): string {
  return `/* outbox.pending */ select topic, key, payload, version from ${schema}.outbox
         where not ('*' = any(delivered_to)) and not (? = any(delivered_to)) order by version limit 500`;
}

/** The embedded transport: POSTs each batch to every subscriber's `<base URL>/internal/events`. */
export class HttpPush implements IntegrationTransport {
  private subscribers: string[] = [];

  constructor(private readonly options: { token?: string; timeoutMs?: number } = {}) {}

  setSubscribers(urls: string[]): void {
    this.subscribers = urls.map((u) => u.replace(/\/+$/, '').replace(/\/graphql$/, ''));
  }

  destinations(): readonly string[] {
    return this.subscribers;
  }

  async send(subscriber: string, batch: IntegrationBatch): Promise<void> {
    const { token, timeoutMs } = this.options;
    const response = await fetch(`${subscriber}/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(batch),
      signal: AbortSignal.timeout(timeoutMs ?? 5000),
    });
    if (!response.ok) throw new Error(`${subscriber} answered ${response.status}`);
  }

  async close(): Promise<void> {}
}

export interface OutboxOptions {
  orm: MikroORM;
  schema: string;
  publisher: string;
  logger: Logger;
  /** How messages travel: `HttpPush` (embedded default) or `JetStreamTransport`. */
  transport: IntegrationTransport;
}

/**
 * Hands pending outbox rows to the transport's destinations. One delivery runs at a time per
 * process; a call made while one runs waits for it and then runs again, so messages recorded by the
 * caller's own transaction are always included.
 */
export class OutboxDelivery {
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  /**
   * Whether the outbox may hold something undelivered that no mutation's own flush will send: true
   * at start (messages recorded before this process, or by a sync step) and after a failed delivery.
   * The retry timer does nothing otherwise, so an idle service does not scan its outbox.
   */
  private retryNeeded = true;
  /** When each failing destination first failed; a short outage (e.g. all subgraphs starting) is not worth a warning. */
  private readonly failingSince = new Map<string, number>();

  constructor(private readonly options: OutboxOptions) {}

  get transport(): IntegrationTransport {
    return this.options.transport;
  }

  /** HTTP push: base URLs (`http://host:port`) of the subgraphs to tell; set at start, or later in tests. */
  setSubscribers(urls: string[]): void {
    this.options.transport.setSubscribers?.(urls);
    this.retryNeeded = true;
  }

  /** Retries undelivered messages every `intervalMs` until `stop`, while a delivery is owed. */
  start(intervalMs = 2000): void {
    this.timer = setInterval(() => {
      if (this.retryNeeded && !this.running) void this.flush().catch(() => undefined);
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops retrying and closes the transport (a broker's consumer finishes the batch it applies). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.options.transport.close();
  }

  async flush(): Promise<void> {
    if (this.running) {
      await this.running;
      return this.flush();
    }
    this.running = this.deliverAll().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  private async deliverAll(): Promise<void> {
    let failed = false;
    for (const destination of this.options.transport.destinations()) {
      try {
        await this.deliverTo(destination);
        this.failingSince.delete(destination);
      } catch (error) {
        failed = true;
        const since = this.failingSince.get(destination) ?? Date.now();
        this.failingSince.set(destination, since);
        const level = Date.now() - since > 30_000 ? 'warn' : 'debug';
        this.options.logger[level](
          { destination, err: (error as Error).message },
          'integration events not delivered; will retry',
        );
      }
    }
    this.retryNeeded = failed;
  }

  private async deliverTo(destination: string): Promise<void> {
    const { orm, schema, publisher, transport } = this.options;
    const em = orm.em.fork();
    for (;;) {
      const rows = await em.execute(pendingOutboxSql(schema), [destination]);
      if (rows.length === 0) return;
      const events: IntegrationMessage[] = rows.map((r) => ({
        topic: r.topic,
        key: r.key,
        payload: r.payload,
        version: Number(r.version),
      }));
      await transport.send(destination, { publisher, events });
      // Only rows still at the delivered version are marked: a newer state recorded meanwhile stays pending.
      await em.execute(
        `/* outbox.delivered */ update ${schema}.outbox o set delivered_to = array_append(o.delivered_to, ?)
         from unnest(?::text[], ?::text[], ?::bigint[]) as d(topic, key, version)
         where o.topic = d.topic and o.key = d.key and o.version = d.version`,
        [
          destination,
          pgArrayLiteral(events.map((e) => e.topic)),
          pgArrayLiteral(events.map((e) => e.key)),
          pgArrayLiteral(events.map((e) => String(e.version))),
        ],
      );
      if (rows.length < 500) return;
    }
  }
}
