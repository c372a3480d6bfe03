import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Requests per minute per bucket; 0 turns that kind of caller's limit off. */
export interface RateLimitBudgets {
  anonymousPerMinute: number;
  /** Each verified credential (ADMIN_TOKEN, a key of a writing role, an access token) on its own. */
  authenticatedPerMinute: number;
  /** Each PORTAL key on its own; defaults to `authenticatedPerMinute`. */
  portalPerMinute?: number;
}

/** Which budget a request draws from: `key` names the bucket, `max` its requests per window (0 = unlimited). */
export interface RateLimitBucket {
  key: string;
  max: number;
}

const WINDOW_MS = 60_000;

/** Only the API, the feeds and the exports are budgeted; `/health`, `/metrics` and CORS preflights never are. */
function isLimitedRoute(request: FastifyRequest): boolean {
  const url = request.routeOptions.url ?? '';
  return url === '/graphql' || url.startsWith('/feeds/') || url.startsWith('/exports/');
}

/**
 * The one place that maps a request to its budget. A caller whose credential the gateway verified
 * (gateway.ts sets `request.identity` before this runs) is counted as itself — the identity's
 * subject, never the secret — with its role's budget, PORTAL keys their own. Everyone else, an
 * unaccepted credential included, is counted by client address (`request.ip`: the socket's, or
 * X-Forwarded-For's only under TRUST_PROXY), so inventing tokens buys nothing.
 */
export function rateLimitBucket(request: FastifyRequest, budgets: RateLimitBudgets): RateLimitBucket {
  const identity = request.identity;
  if (identity) {
    const max =
      identity.role === 'PORTAL'
        ? (budgets.portalPerMinute ?? budgets.authenticatedPerMinute)
        : budgets.authenticatedPerMinute;
    return { key: `identity:${identity.subject}`, max };
  }
  return { key: `address:${normalizeIP(request.ip)}`, max: budgets.anonymousPerMinute };
}

/**
 * The 429 body, in the shape every GraphQL client already reads. Fastify sends a thrown plain object
 * as the body and takes the status from its `statusCode`, kept out of the JSON (not enumerable).
 */
function rateLimitedBody(retryAfterSeconds: number): object {
  const body = {
    errors: [
      {
        message: `Too many requests; try again in ${retryAfterSeconds} s`,
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
      },
    ],
  };
  return Object.defineProperty(body, 'statusCode', { value: 429 });
}

/**
 * Per-minute budgets on `/graphql` and `/feeds/*` (@fastify/rate-limit, in-memory: one gateway process
 * per store; several replicas each count on their own). Must be registered before those routes.
 */
export async function registerRateLimits(app: FastifyInstance, budgets: RateLimitBudgets): Promise<void> {
  if (budgets.anonymousPerMinute <= 0 && budgets.authenticatedPerMinute <= 0) return;
  const buckets = new WeakMap<FastifyRequest, RateLimitBucket>();
  const bucketOf = (request: FastifyRequest) => {
    const known = buckets.get(request);
    if (known) return known;
    const bucket = rateLimitBucket(request, budgets);
    buckets.set(request, bucket);
    return bucket;
  };
  await app.register(rateLimit, {
    global: true,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => bucketOf(request).key,
    max: (request) => bucketOf(request).max,
    allowList: (request) => !isLimitedRoute(request) || bucketOf(request).max <= 0,
    // Same rounding as the plugin's Retry-After header, so body and header agree.
    errorResponseBuilder: (_request, context) => rateLimitedBody(Math.ceil(context.ttl / 1000)),
  });
}
