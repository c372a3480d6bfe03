import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { Kind, type FormattedExecutionResult, type OperationDefinitionNode } from 'graphql';

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
 * document, operation name and variables; only answers without errors are kept. A mutation that
 * passes through this gateway and may have written empties it once it has run, and a query that
 * overlapped it does not store its answer (generation check, and the purge drops what it stored
 * meanwhile), so a client never reads its own write stale. A mutation that surely wrote nothing —
 * no data, and every root field (or the whole request) refused with a refusal code — purges nothing,
 * so anonymous or malformed mutations cannot be used to empty the cache. Writes that do not pass through this gateway (the bulk loader, another gateway replica)
 * are bounded by the TTL. Replies say `x-cache: HIT|MISS` and carry `cache-control: public, max-age`.
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
          if (options.ttlMs <= 0 || operation.operation !== 'query' || contextValue.authorization) return null;
          key = JSON.stringify([request.query, request.operationName ?? null, request.variables ?? null]);
          startedAt = generation;
          const entry = entries.get(key);
          if (!entry || entry.expires <= Date.now()) return null;
          hit = true;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: entry.result },
          };
        },
        async willSendResponse({ response, operation }) {
          if (operation?.operation === 'mutation') {
            if (response.body.kind !== 'single' || !wroteNothing(operation, response.body.singleResult)) purge();
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
