import { setTimeout as sleep } from 'node:timers/promises';
import {
  AckPolicy,
  type ConsumerMessages,
  DeliverPolicy,
  DiscardPolicy,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  type JsMsg,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import { z } from 'zod';
import type { IntegrationBatch, IntegrationMessage, IntegrationTransport } from './integration.js';
import type { Logger } from './logger.js';

/**
 * Integration events over NATS JetStream (`NATS_URL`), behind the same `IntegrationTransport` as the
 * HTTP push. One stream per hub (`ngo-hub`, subjects `ngo-hub.<publisher>.<topic>`), one message per
 * outbox row with `Nats-Msg-Id` = topic/key/version, so a row published again within the stream's
 * duplicate window is stored once. The outbox marks a row delivered (`nats:<hub>` in `delivered_to`)
 * only after JetStream acknowledged it (PubAck): with the broker down rows stay pending and the retry
 * loop publishes them when it is back.
 *
 * Each subscriber reads through a durable consumer named after it, applies messages through the
 * idempotent inbox (`applyIntegrationBatch`) and acks them after that transaction committed; a failed
 * batch is nak'ed with a growing delay, one never acked comes back after `ack_wait`, and there is no
 * `max_deliver`: a message is state that must not be dropped. Order per key: messages are applied in
 * stream order, one batch at a time; a redelivered or republished older state arrives after a newer
 * one at worst, and the inbox admits only versions above the one applied, so it is skipped.
 *
 * A reader that needs only some topics (the gateway: audit entries, to invalidate its shared response
 * cache) gives `topics`: its durable consumer then filters on `<hub>.*.<topic>` and never sees the rest.
 */
export interface JetStreamTransportOptions {
  url: string;
  /** This subgraph: the publisher in its subjects and the name of its durable consumer. */
  name: string;
  logger: Logger;
  /** The stream, and the first token of its subjects. */
  hub?: string;
  /** How long a publish waits for its PubAck, and a send for the first connection. */
  timeoutMs?: number;
  /** The topics `receive` reads (the consumer's filter, fixed when it is created); all of them by default. */
  topics?: readonly string[];
}

/** `NATS_URL`: NATS server(s) with JetStream, `nats://host:4222` (comma-separated for a cluster). */
export const natsUrlSetting = z
  .string()
  .regex(/^(nats|tls):\/\/[^,\s]+(,(nats|tls):\/\/[^,\s]+)*$/, 'nats://host:port, comma-separated')
  .optional();

/** What one message carries: an outbox row and its publisher. */
interface WireMessage extends IntegrationMessage {
  publisher: string;
}

const BATCH = 500;
const DAY_MS = 86_400_000;

export class JetStreamTransport implements IntegrationTransport {
  readonly hub: string;
  private connection: NatsConnection | undefined;
  private readonly ready: Promise<NatsConnection>;
  /** False between a disconnect and the reconnect: sends then fail at once instead of waiting for a PubAck. */
  private connected = false;
  private streamReady: Promise<void> | null = null;
  private messages: ConsumerMessages | undefined;
  private readonly queue: JsMsg[] = [];
  private draining: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: JetStreamTransportOptions) {
    this.hub = options.hub ?? 'ngo-hub';
    this.ready = this.connectUntilClosed();
    this.ready.catch(() => undefined);
  }

  destinations(): readonly string[] {
    return [`nats:${this.hub}`];
  }

  async send(_destination: string, batch: IntegrationBatch): Promise<void> {
    const nc = await this.connectionWithin(this.options.timeoutMs ?? 5000);
    if (!this.connected) throw new Error('NATS is unreachable');
    try {
      await this.ensureStream(nc);
      const js = jetstream(nc);
      // Published together: one connection keeps their order in the stream, and the acks come back at once.
      await Promise.all(
        batch.events.map((event) =>
          js.publish(
            `${this.hub}.${batch.publisher}.${event.topic}`,
            JSON.stringify({ publisher: batch.publisher, ...event } satisfies WireMessage),
            { msgID: `${event.topic}/${event.key}/${event.version}`, timeout: this.options.timeoutMs ?? 5000 },
          ),
        ),
      );
    } catch (error) {
      // A broker that lost its store has no stream any more: make it again on the next attempt.
      this.streamReady = null;
      throw error;
    }
  }

  receive(apply: (batch: IntegrationBatch) => Promise<number>): void {
    void this.consumeUntilClosed(apply);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.messages?.close().catch(() => undefined);
    await this.draining;
    const nc = this.connection;
    if (!nc || nc.isClosed()) return;
    // Acks are sent without waiting; a flush gets the last ones to the broker (if it is there).
    await Promise.race([nc.flush().catch(() => undefined), sleep(1000)]);
    await nc.close();
  }

  /** Connects, retrying every second while the broker is unreachable at start; the client reconnects after that. */
  private async connectUntilClosed(): Promise<NatsConnection> {
    for (;;) {
      if (this.closed) throw new Error('closed');
      try {
        const nc = await connect({
          servers: this.options.url,
          name: `${this.hub}-${this.options.name}`,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1000,
        });
        this.connection = nc;
        this.connected = true;
        void this.followStatus(nc);
        if (this.closed) await nc.close();
        return nc;
      } catch (error) {
        this.options.logger.debug({ err: (error as Error).message }, 'NATS not reachable yet; retrying');
        await sleep(1000);
      }
    }
  }

  private async followStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') this.connected = false;
      if (status.type === 'reconnect') this.connected = true;
    }
  }

  private async connectionWithin(ms: number): Promise<NatsConnection> {
    const nc = this.connection ?? (await Promise.race([this.ready, sleep(ms, undefined, { ref: false })]));
    if (!nc) throw new Error('NATS is unreachable');
    return nc;
  }

  /** The hub's stream: created by whichever subgraph comes first; an existing one is used as it is. */
  private ensureStream(nc: NatsConnection): Promise<void> {
    this.streamReady ??= (async () => {
      const jsm = await jetstreamManager(nc);
      await jsm.streams
        .add({
          name: this.hub,
          subjects: [`${this.hub}.>`],
          retention: RetentionPolicy.Limits,
          storage: StorageType.File,
          discard: DiscardPolicy.Old,
          // A durable consumer away longer than this misses messages (docs/architecture.md says how to resend).
          max_age: nanos(30 * DAY_MS),
          duplicate_window: nanos(2 * 60_000),
        })
        .catch(() => jsm.streams.info(this.hub));
    })();
    const ready = this.streamReady;
    ready.catch(() => {
      if (this.streamReady === ready) this.streamReady = null;
    });
    return ready;
  }

  private async ensureConsumer(jsm: JetStreamManager): Promise<void> {
    const topics = this.options.topics;
    const subjects = topics ? topics.map((topic) => `${this.hub}.*.${topic}`) : [`${this.hub}.>`];
    await jsm.consumers
      .add(this.hub, {
        durable_name: this.options.name,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        // One subject as filter_subject: servers before 2.10 know no filter_subjects.
        ...(subjects.length === 1 ? { filter_subject: subjects[0] } : { filter_subjects: subjects }),
        ack_wait: nanos(30_000),
        max_deliver: -1,
        max_ack_pending: 2 * BATCH,
      })
      .catch(() => jsm.consumers.info(this.hub, this.options.name));
  }

  /** Reads the durable consumer until closed; starts over (stream, consumer, pull) after any failure. */
  private async consumeUntilClosed(apply: (batch: IntegrationBatch) => Promise<number>): Promise<void> {
    while (!this.closed) {
      try {
        const nc = await this.ready;
        await this.ensureStream(nc);
        await this.ensureConsumer(await jetstreamManager(nc));
        const consumer = await jetstream(nc).consumers.get(this.hub, this.options.name);
        this.messages = await consumer.consume({
          max_messages: BATCH,
          abort_on_missing_resource: true,
          callback: (message) => this.take(message, apply),
        });
        if (this.closed) await this.messages.close();
        const ended = await this.messages.closed();
        if (ended) throw ended;
      } catch (error) {
        if (!this.closed)
          this.options.logger.debug({ err: (error as Error).message }, 'NATS consumer stopped; starting again');
      }
      if (!this.closed) await sleep(1000);
    }
  }

  /** Queues a received message; one drain at a time applies the queue in order, in batches. */
  private take(message: JsMsg, apply: (batch: IntegrationBatch) => Promise<number>): void {
    this.queue.push(message);
    this.draining ??= this.drain(apply);
  }

  private async drain(apply: (batch: IntegrationBatch) => Promise<number>): Promise<void> {
    try {
      while (this.queue.length > 0) await this.applyMessages(this.queue.splice(0, BATCH), apply);
    } catch (error) {
      // Unacked messages come back after ack_wait.
      this.options.logger.error({ err: error }, 'integration messages not applied');
    } finally {
      this.draining = null;
    }
  }

  private async applyMessages(messages: JsMsg[], apply: (batch: IntegrationBatch) => Promise<number>): Promise<void> {
    const byPublisher = new Map<string, { messages: JsMsg[]; events: IntegrationMessage[] }>();
    for (const message of messages) {
      const wire = decode(message);
      if (!wire) {
        this.options.logger.warn({ subject: message.subject }, 'not an integration message; dropped');
        message.term();
        continue;
      }
      // Our own messages: the HTTP push never sent a subgraph its own either.
      if (wire.publisher === this.options.name) {
        message.ack();
        continue;
      }
      const group = byPublisher.get(wire.publisher) ?? { messages: [], events: [] };
      group.messages.push(message);
      group.events.push({ topic: wire.topic, key: wire.key, payload: wire.payload, version: wire.version });
      byPublisher.set(wire.publisher, group);
    }
    for (const [publisher, group] of byPublisher) {
      try {
        await apply({ publisher, events: group.events });
        for (const message of group.messages) message.ack();
      } catch (error) {
        const attempt = Math.max(...group.messages.map((m) => m.info.deliveryCount));
        this.options.logger.warn(
          { publisher, attempt, err: (error as Error).message },
          'integration events not applied; redelivery follows',
        );
        for (const message of group.messages) message.nak(Math.min(60_000, 500 * 2 ** attempt));
      }
    }
  }
}

function decode(message: JsMsg): WireMessage | null {
  try {
    const wire = message.json<WireMessage>();
    const valid =
      typeof wire?.publisher === 'string' &&
      typeof wire.topic === 'string' &&
      typeof wire.key === 'string' &&
      Number.isSafeInteger(wire.version);
    return valid ? { ...wire, payload: wire.payload ?? null } : null;
  } catch {
    return null;
  }
}
