import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';

export interface ResponseCacheOptions {
  /** How long an answer may be reused; 0 turns the cache off. */
  ttlMs: number;
  maxEntries?: number;
}

interface Entry {
  result: FormattedExecutionResult;
  expires: number;
}

/**
 * A response cache for PUBLIC queries: a request without an `Authorization` header, keyed by its
 * document, operation name and variables; only answers without errors are kept. Any mutation that
 * passes through this gateway empties it, before and after it runs, and a query that overlapped a
 * mutation does not store its answer (generation check), so a client never reads its own write
 * stale. Writes that do not pass through this gateway (the bulk loader, another gateway replica)
 * are bounded by the TTL. Replies say `x-cache: HIT|MISS` and carry `cache-control: public, max-age`.
 */
export function responseCachePlugin<C extends BaseContext & { authorization?: string }>(options: ResponseCacheOptions): ApolloServerPlugin<C> {
  const entries = new Map<string, Entry>();
  const maxEntries = options.maxEntries ?? 5000;
  let generation = 0;
  const purge = () => {
    generation += 1;
    entries.clear();
  };
  return {
    async requestDidStart({ contextValue }) {
      let key: string | null = null;
      let startedAt = generation;
      let hit = false;
      return {
        async responseForOperation({ operation, request }) {
          if (operation.operation === 'mutation') {
            purge();
            return null;
          }
          if (options.ttlMs <= 0 || operation.operation !== 'query' || contextValue.authorization) return null;
          key = JSON.stringify([request.query, request.operationName ?? null, request.variables ?? null]);
          startedAt = generation;
          const entry = entries.get(key);
          if (!entry || entry.expires <= Date.now()) return null;
          hit = true;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: entry.result } };
        },
        async willSendResponse({ response, operation }) {
          if (operation?.operation === 'mutation') {
            purge();
            return;
          }
          if (!key) return;
          response.http.headers.set('x-cache', hit ? 'HIT' : 'MISS');
          response.http.headers.set('cache-control', `public, max-age=${Math.floor(options.ttlMs / 1000)}`);
          const body = response.body;
          if (hit || body.kind !== 'single' || body.singleResult.errors || startedAt !== generation) return;
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
          entries.set(key, { result: body.singleResult, expires: Date.now() + options.ttlMs });
        },
      };
    },
  };
}
