import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import { z } from 'zod';

/**
 * What a service shows beyond its public API: `/metrics` (here, nowhere, or on a port of its own, so
 * a firewall can keep it internal), and who counts as an internal caller (the gateway, the other
 * subgraphs).
 */

/** `METRICS`: `on` (default: `/metrics` beside the API), `off`, or a port number for `/metrics` alone. */
export const metricsSetting = z
  .string()
  .default('on')
  .refine(
    (v) => v === 'on' || v === 'off' || (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535),
    'on, off or a port number (1-65535)',
  );

/** The header carrying INTERNAL_TOKEN from the gateway; not `authorization`, which carries the caller's own token. */
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Compares a presented secret with a configured one in constant time; no configured secret matches nothing. */
export function tokenMatches(given: string | undefined, token: string | undefined): boolean {
  if (!token || given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer …` header, if that is what it holds. */
export function bearerToken(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

/**
 * An internal caller holds INTERNAL_TOKEN; when no token is configured (a developer's single machine),
 * any loopback caller is internal, as for `/internal/events`.
 */
export function isInternalCaller(
  headerValue: string | string[] | undefined,
  ip: string,
  token: string | undefined,
): boolean {
  if (!token) return LOOPBACK.has(ip);
  return tokenMatches(Array.isArray(headerValue) ? headerValue[0] : headerValue, token);
}

/**
 * Serves `/metrics` as `setting` says: on `app`, not at all, or on its own port (listening on `host`,
 * closed with `app`).
 */
export async function serveMetrics(
  app: FastifyInstance,
  setting: string,
  host: string,
  render: () => Promise<{ contentType: string; body: string }>,
): Promise<void> {
  if (setting === 'off') return;
  const route = async (_request: unknown, reply: { type: (t: string) => { send: (b: string) => unknown } }) => {
    const { contentType, body } = await render();
    return reply.type(contentType).send(body);
  };
  if (setting === 'on') {
    app.get('/metrics', route as never);
    return;
  }
  const own = Fastify({ logger: false });
  own.get('/metrics', route as never);
  await own.listen({ port: Number(setting), host });
  app.addHook('onClose', async () => {
    await own.close();
  });
}

/** Root fields for the gateway only: entity resolution and the subgraph's SDL. */
const INTERNAL_ROOT_FIELDS = new Set(['_entities', '_service']);

function selectsInternal(selectionSet: SelectionSetNode, document: DocumentNode, seen: Set<string>): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (INTERNAL_ROOT_FIELDS.has(selection.name.value)) return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selectsInternal(selection.selectionSet, document, seen)) return true;
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
      );
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION && selectsInternal(fragment.selectionSet, document, seen))
        return true;
    }
  }
  return false;
}

/**
 * Apollo plugin: `_entities` and `_service` (aliased or in fragments too) are refused with FORBIDDEN
 * unless the request's context says `internal` (see `isInternalCaller`), before anything runs.
 */
export function internalOnlyFields(): ApolloServerPlugin<{ internal?: boolean }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (contextValue.internal || !operation || !selectsInternal(operation.selectionSet, document, new Set()))
            return;
          throw new GraphQLError(
            '_entities and _service are for the gateway: send the internal token in the x-internal-token header',
            {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            },
          );
        },
      };
    },
  };
}
