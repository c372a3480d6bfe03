import type { FastifyInstance } from 'fastify';
import type { InternalGuard, MikroORM } from '@ngo-hub/kit';
import { identityOfSecret } from './api-key.service.js';

/** The path the gateway asks; kept here and in the gateway's credentials.ts. */
export const CREDENTIALS_PATH = '/internal/credentials';

/**
 * `POST /internal/credentials` `{ secret }` → 200 `{ identity }` for an active key, 404 otherwise. For
 * the gateway only (internal token as bearer): the secret travels once, inside the hub.
 */
export function credentialsRoute(orm: MikroORM) {
  return (app: FastifyInstance, isInternal: InternalGuard) => {
    app.post(CREDENTIALS_PATH, async (request, reply) => {
      if (!isInternal(request)) return reply.code(403).send({ error: 'forbidden' });
      const secret = (request.body as { secret?: unknown } | null)?.secret;
      if (typeof secret !== 'string') return reply.code(400).send({ error: 'secret (a string) is required' });
      const identity = await identityOfSecret(orm.em.fork(), secret);
      return identity ? reply.send({ identity }) : reply.code(404).send({ error: 'unknown or revoked key' });
    });
  };
}
