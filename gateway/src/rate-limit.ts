import { createHash } from 'node:crypto';
import { tokenMatches } from '@ngo-hub/kit/exposure';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Requests per minute per bucket; 0 turns that kind of caller's limit off. */
export interface RateLimitBudgets {
  anonymousPerMinute: number;
  authenticatedPerMinute: number;
  /**
   * Credentials this gateway can verify (today the ADMIN_TOKEN; API keys with roles come next). Only
   * these get a budget of their own: any other bearer is counted by its address, so inventing tokens
   * buys nothing.
   */
  credentials?: readonly string[];
}

const isKnownCredential = (token: string, known: readonly string[] = []) => known.some((k) => tokenMatches(token, k));

/** Which budget a request draws from: `key` names the bucket, `max` its requests per window (0 = unlimited). */
export interface RateLimitBucket {
  key: string;
  max: number;
}

const WINDOW_MS = 60_000;

/** Only the API and the feeds are budgeted; `/health`, `/metrics` and CORS preflights never are. */
function isLimitedRoute(request: FastifyRequest): boolean {
  const url = request.routeOptions.url ?? '';
  return url === '/graphql' || url.startsWith('/feeds/');
}

/**
 * The one place that maps a request to its budget. A bearer caller's bucket is a SHA-256 of the
 * credential, so neither the store nor a log ever holds the secret; everyone else is counted by
 * client address (`request.ip`: the socket's, or X-Forwarded-For's only under TRUST_PROXY).
 * Only a credential the gateway verifies gets a bucket of its own; an unknown bearer is counted by
 * address like an anonymous caller. The API-key change (issue 9, items 1–2) adds its verified keys here:
 * the key id as the bucket, its role's budget (PORTAL keys their own).
 */
export function rateLimitBucket(request: FastifyRequest, budgets: RateLimitBudgets): RateLimitBucket {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (match && isKnownCredential(match[1]!, budgets.credentials)) {
    const digest = createHash('sha256').update(match[1]!).digest('hex');
    return { key: `bearer:${digest}`, max: budgets.authenticatedPerMinute };
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
