import type { FastifyInstance } from 'fastify';
import { bearerToken, isInternalCaller } from '@ngo-hub/kit/exposure';
import { JetStreamTransport } from '@ngo-hub/kit/jetstream';
import type { Logger } from 'pino';
import { changeTags } from './cache-tags.js';
import type { RedisResponseStore } from './response-store.js';

/** kit's TOPICS.auditEntry.name (the registry pulls in the ORM; a test holds the two equal). */
export const AUDIT_TOPIC = 'audit.entry';

interface Event {
  topic?: unknown;
  payload?: { entityType?: unknown; entityId?: unknown } | null;
}

interface Batch {
  publisher?: unknown;
  events?: Event[];
}

/** The tags a batch's audit entries invalidate (other topics add none). */
function tagsOf(events: readonly (Event | null | undefined)[]): string[] {
  const tags = new Set<string>();
  for (const event of events) {
    const change = event?.topic === AUDIT_TOPIC ? event.payload : null;
    if (typeof change?.entityType === 'string' && typeof change.entityId === 'string')
      for (const tag of changeTags(change.entityType, change.entityId)) tags.add(tag);
  }
  return [...tags];
}

/**
 * The shared cache's subscription to the owners' change stream: with REDIS_URL the gateway is one
 * more subscriber in every subgraph's EVENT_SUBSCRIBERS, and each subgraph's outbox pushes it the
 * audit entry of every write it commits (kit integration.ts: before the write answers, and retried
 * until acknowledged). Each entry deletes the answers tagged with its entity and type. Deleting is
 * idempotent and order-free, so no inbox is kept; an entry not yet applied (Redis unreachable) is
 * refused with 503 and stays pending in the publisher's outbox. Other topics are acknowledged and
 * ignored: every write that changes them records an audit entry too.
 */
export function registerCacheInvalidation(
  app: FastifyInstance,
  store: RedisResponseStore,
  internalToken: string | undefined,
  logger: Logger,
): void {
  app.post('/internal/events', { bodyLimit: 16_000_000 }, async (request, reply) => {
    if (!isInternalCaller(bearerToken(request.headers.authorization), request.ip, internalToken))
      return reply.code(403).send({ error: 'forbidden' });
    const batch = request.body as Batch;
    if (typeof batch?.publisher !== 'string' || !Array.isArray(batch.events))
      return reply.code(400).send({ error: 'not an integration batch' });
    try {
      await store.invalidate(tagsOf(batch.events));
    } catch (error) {
      logger.warn(
        { err: (error as Error).message, publisher: batch.publisher },
        'response cache not invalidated; the outbox retries',
      );
      return reply.code(503).send({ error: 'response cache unavailable' });
    }
    return reply.send({ applied: batch.events.length });
  });
}

/**
 * The same subscription when the owners publish to NATS JetStream (NATS_URL) instead of pushing: the
 * kit's JetStream reader, through a durable consumer of the gateway's own that sees only audit entries.
 * Every gateway replica (and worker) reads that one consumer, so each entry is delivered to one of
 * them: enough, since they share the store and one delete in Redis invalidates for all. The message is
 * acked after the delete; with Redis unreachable `invalidate` throws, the reader naks it with a growing
 * delay, and it comes back until a replica applies it.
 */
export function consumeCacheInvalidation(
  store: RedisResponseStore,
  nats: { url: string; hub?: string },
  logger: Logger,
): JetStreamTransport {
  const reader = new JetStreamTransport({
    url: nats.url,
    hub: nats.hub,
    name: 'gateway',
    topics: [AUDIT_TOPIC],
    logger,
  });
  reader.receive(async (batch) => {
    await store.invalidate(tagsOf(batch.events as Event[]));
    return batch.events.length;
  });
  return reader;
}
