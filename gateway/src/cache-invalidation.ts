import type { FastifyInstance } from 'fastify';
import { bearerToken, isInternalCaller } from '@ngo-hub/kit/exposure';
import type { Logger } from 'pino';
import { changeTags } from './cache-tags.js';
import type { RedisResponseStore } from './response-store.js';

/** kit's TOPICS.auditEntry.name (the registry pulls in the ORM; a test holds the two equal). */
export const AUDIT_TOPIC = 'audit.entry';

interface Batch {
  publisher?: unknown;
  events?: { topic?: unknown; payload?: { entityType?: unknown; entityId?: unknown } | null }[];
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
    const tags = new Set<string>();
    for (const event of batch.events) {
      const change = event?.topic === AUDIT_TOPIC ? event.payload : null;
      if (typeof change?.entityType === 'string' && typeof change.entityId === 'string')
        for (const tag of changeTags(change.entityType, change.entityId)) tags.add(tag);
    }
    try {
      await store.invalidate([...tags]);
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
