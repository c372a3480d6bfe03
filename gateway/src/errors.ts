import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { formatInputError, MAX_INPUT_DEPTH, nestsDeeperThan } from '@ngo-hub/kit/input';
import { maskUnexpectedError } from '@ngo-hub/kit/errors';
import { DateTimeScalar, DecimalScalar, LocalDateScalar } from '@ngo-hub/kit/scalars';
import { GraphQLError, isScalarType, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { FastifyInstance } from 'fastify';
import Negotiator from 'negotiator';
import type { Logger } from 'pino';
import { type FetcherResponse, SubgraphResponse } from './subgraph-client.js';

/** Codes the gateway itself adds beside the subgraphs' public ones. */
const GATEWAY_CODES = new Set(['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_ERROR']);

/**
 * The supergraph declares `DateTime`, `Decimal` and `LocalDate` without their parsers, so the
 * gateway would pass "yesterday" on to a subgraph. Giving the API schema the subgraphs' own parsers
 * lets the gateway refuse malformed values itself (literals in validation, variables before
 * planning). Only parsing is attached: results are passed through as the subgraphs serialised them.
 */
export function attachScalarParsers(schema: GraphQLSchema): void {
  for (const real of [DateTimeScalar, DecimalScalar, LocalDateScalar]) {
    const type = schema.getType(real.name);
    if (!isScalarType(type)) continue;
    type.parseValue = real.parseValue.bind(real);
    type.parseLiteral = real.parseLiteral.bind(real); // kit's parseLiteral already throws so graphql-js names the value
  }
}

/**
 * A subgraph answering with a non-2xx status: its GraphQL errors (a subgraph refuses bad variables
 * with 400) are handed on as a normal GraphQL response, so their codes and fields reach the client;
 * anything else becomes one coded error naming only the service — never its URL or raw body.
 */
export async function subgraphErrorResponse(serviceName: string, response: FetcherResponse): Promise<SubgraphResponse> {
  const body = (await response.json().catch(() => null)) as { errors?: unknown } | null;
  if (response.status >= 400 && response.status < 500 && Array.isArray(body?.errors) && body.errors.length) {
    const statements = response.headers.get('x-sql-statements');
    const headers: Record<string, string> = statements ? { 'x-sql-statements': statements } : {};
    return SubgraphResponse.json(response.url, { data: null, errors: body.errors }, headers);
  }
  throw new GraphQLError(`The ${serviceName} service failed to answer; its fields are null in this response`, {
    extensions: { code: 'SUBGRAPH_ERROR', serviceName },
  });
}

/**
 * The gateway's `formatError`: malformed literals become BAD_USER_INPUT with their argument path,
 * limit errors lose graphql-armor's misleading "Syntax Error" wording, suggestions and stack traces
 * go unless debugging, and every error without a public code is logged in full and masked.
 */
export function gatewayFormatError(debug: boolean, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let result = formatInputError(formatted, error, debug);
    const code = result.extensions?.code;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && result.message.startsWith('Syntax Error: ')) {
      result = { ...result, message: result.message.slice('Syntax Error: '.length) };
    }
    const tokens = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/.exec(result.message);
    if (code === 'GRAPHQL_PARSE_FAILED' && tokens) {
      result = {
        ...result,
        message: `The document has more than ${tokens[1]} tokens, the limit of this API; it was not read`,
        locations: undefined,
      };
    }
    const masked = maskUnexpectedError(result, GATEWAY_CODES);
    if (masked !== result) logger.error({ err: error, error: formatted }, 'unexpected error');
    if (!debug && masked.extensions && 'stacktrace' in masked.extensions) {
      const { stacktrace: _dropped, ...extensions } = masked.extensions;
      return { ...masked, extensions };
    }
    return masked;
  };
}

/**
 * An operationName the document does not define (or several operations without one): Apollo hands
 * that to the gateway, which fails with a TypeError (HTTP 500). Refused here as a request error.
 */
export function operationResolutionPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `Unknown operation named "${String(request.operationName).slice(0, 100)}"`
            : 'The document defines several operations; give operationName';
          throw new GraphQLError(message, {
            extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
          });
        },
      };
    },
  };
}

const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** The response type Apollo picks for this Accept header (the same negotiation, same order). */
export function responseMediaType(accept: string | undefined): string | undefined {
  if (!accept) return 'application/json';
  return new Negotiator({ headers: { accept } }).mediaType(['application/json', 'application/graphql-response+json']);
}

/**
 * GraphQL over HTTP: a request error (parse, validation, variable coercion, unknown operation) is
 * HTTP 400. Only a client that explicitly prefers `application/json` over
 * `application/graphql-response+json` in its Accept header gets 200 for these, as the spec says it
 * SHOULD (such legacy clients may not read the body of a 4xx). Decision: no Accept header or `*\/*`
 * (curl, a browser's fetch) stays 400 — the spec's SHOULD-200 audits all name `application/json`
 * explicitly, and a status that says "your request was wrong" is what an operator expects from curl.
 * Malformed HTTP (bad JSON, no query, too deep) is 400 for everyone; the codes in the body are the same.
 */
export function graphqlOverHttpStatusPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const accept = request.http?.headers.get('accept');
          if (!accept?.includes('application/json') || responseMediaType(accept) !== 'application/json') return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.length && errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code))))
            response.http.status = 200;
        },
      };
    },
  };
}

/**
 * Refuses a request whose JSON nests deeper than kit's MAX_INPUT_DEPTH before Apollo, the cache key
 * or a scalar parser walks it recursively (a deep enough array overflowed the stack: HTTP 500).
 */
export function refuseDeepRequests(app: FastifyInstance, path = '/graphql'): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.url !== path) return;
    let payload: unknown = request.body;
    const variables = (request.query as { variables?: unknown } | undefined)?.variables;
    if (request.method === 'GET' && typeof variables === 'string') {
      try {
        payload = JSON.parse(variables);
      } catch {
        return; // Apollo answers malformed JSON itself
      }
    }
    if (!nestsDeeperThan(payload)) return;
    return reply
      .code(400)
      .type('application/json')
      .send(
        JSON.stringify({
          errors: [
            { message: `The request nests deeper than ${MAX_INPUT_DEPTH} levels`, extensions: { code: 'BAD_REQUEST' } },
          ],
        }),
      );
  });
}
