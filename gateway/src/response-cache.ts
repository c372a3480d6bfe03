import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { Kind, type FormattedExecutionResult, type OperationDefinitionNode } from 'graphql';
import { answerTags } from './cache-tags.js';
import { INVALIDATION_MEMORY_MS, MemoryResponseStore, type ResponseStore } from './response-store.js';

export interface ResponseCacheOptions {
  /** How long an answer may be reused; 0 turns the cache off. */
  ttlMs: number;
  /** Where answers live: this process (the default) or Redis shared by every replica (response-store.ts). */
  store?: ResponseStore;
  /** Tells apart answers of different supergraphs in a shared store (a rolling deploy). */
  namespace?: string;
  /** A store that cannot be reached turns a lookup into a miss; this hears why. */
  onStoreError?: (error: Error) => void;
}

/**
 * A response cache for PUBLIC queries: a request without an `Authorization` header, keyed by its
 * document, operation name and variables; only answers without errors are kept, each tagged with
 * what it was built from (cache-tags.ts). In this process (MemoryResponseStore), a mutation that
 * passes through this gateway and may have written empties it once it has run, and a query that
 * overlapped it does not store its answer, so a client never reads its own write stale; writes that
 * do not pass through this gateway are bounded by the TTL. In Redis (RedisResponseStore, REDIS_URL),
 * every replica shares the answers and the owners' change stream deletes exactly the tagged ones,
 * wherever the change was made (response-store.ts, docs/architecture.md). A mutation that surely
 * wrote nothing — no data, and every root field (or the whole request) refused with a refusal code —
 * purges nothing, so anonymous or malformed mutations cannot be used to empty the cache. Replies say
 * `x-cache: HIT|MISS` and carry `cache-control: public, max-age`.
 */
/** Codes of a refusal: the hub guarantees a refused mutation writes nothing (one transaction). */
const REFUSALS = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** True when the answer shows that no root field of the mutation ran to a write. */
export function wroteNothing(
  operation: OperationDefinitionNode | undefined,
  result: FormattedExecutionResult,
): boolean {
  if (result.data != null || !result.errors?.length) return false;
  const refused = (e: NonNullable<FormattedExecutionResult['errors']>[number]) =>
    REFUSALS.has(String(e.extensions?.code));
  // A request error (no path): nothing was executed at all.
  if (result.errors.every((e) => !e.path?.length)) return result.errors.every(refused);
  if (!operation) return false;
  // `data: null` may hide a root field that wrote before a later one failed: each must be refused.
  const roots = operation.selectionSet.selections;
  if (roots.some((s) => s.kind !== Kind.FIELD)) return false;
  return roots.every((root) => {
    const key = root.kind === Kind.FIELD ? (root.alias ?? root.name).value : '';
    return result.errors!.some((e) => e.path?.[0] === key && refused(e));
  });
}

export function responseCachePlugin<C extends BaseContext & { authorization?: string }>(
  options: ResponseCacheOptions,
): ApolloServerPlugin<C> {
  const store = options.store ?? new MemoryResponseStore(options.ttlMs);
  const failed = (error: Error) => options.onStoreError?.(error);
  return {
    async serverWillStart() {
      return {
        async serverWillStop() {
          await store.close();
        },
      };
    },
    async requestDidStart({ contextValue }) {
      let key: string | null = null;
      let since: number | null = null;
      let started = 0;
      let hit = false;
      return {
        async responseForOperation({ operation, request }) {
          if (options.ttlMs <= 0 || operation.operation !== 'query' || contextValue.authorization) return null;
          key = JSON.stringify([
            options.namespace ?? '',
            request.query,
            request.operationName ?? null,
            request.variables ?? null,
          ]);
          started = Date.now();
          const found = await store.get(key).catch((error: Error) => {
            failed(error);
            return null;
          });
          since = found?.since ?? null;
          if (!found?.result) return null;
          hit = true;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: found.result },
          };
        },
        async willSendResponse({ response, operation, document, schema, request }) {
          if (operation?.operation === 'mutation') {
            if (response.body.kind !== 'single' || !wroteNothing(operation, response.body.singleResult))
              store.mutated();
            return;
          }
          if (!key) return;
          response.http.headers.set('x-cache', hit ? 'HIT' : 'MISS');
          response.http.headers.set('cache-control', `public, max-age=${Math.floor(options.ttlMs / 1000)}`);
          const body = response.body;
          if (hit || since === null || body.kind !== 'single' || body.singleResult.errors || !operation) return;
          const data = body.singleResult.data;
          // Older than any invalidation the store remembers: it may predate a change it cannot be checked against.
          if (!data || Date.now() - started > INVALIDATION_MEMORY_MS) return;
          let tags: string[] = [];
          if (store.invalidatedByTags) {
            if (!document) return;
            const fragments = Object.fromEntries(
              document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
            );
            tags = answerTags(schema, operation, fragments, request.variables, data);
          }
          await store.set(key, body.singleResult, tags, since).catch(failed);
        },
      };
    },
  };
}
