import type { TypedDocumentString } from './gql/graphql.js';

/** A GraphQL error as the hub sends it: `extensions.code`, and `extensions.field` for bad input. */
export interface HubError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export class HubRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: HubError[],
  ) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ') || `HTTP ${status}`);
  }
}

export interface HubClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  endpoint: string;
  /** An API key or access token; sent as `Authorization: Bearer …`. Reading public data needs none. */
  token?: string;
}

/**
 * Runs one typed operation: the result and the variables are typed from the operation itself.
 * POST with `content-type: application/json`, which Apollo's CSRF prevention always lets through.
 * Any error in the answer throws (partial data is not returned).
 */
export function createHubClient({ endpoint, token }: HubClientOptions) {
  return async function request<Result, Variables>(
    document: TypedDocumentString<Result, Variables>,
    ...[variables]: Variables extends Record<string, never> ? [] | [Variables] : [Variables]
  ): Promise<Result> {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
    const body = (await response.json()) as { data?: Result | null; errors?: HubError[] };
    if (body.errors?.length || !body.data) throw new HubRequestError(response.status, body.errors ?? []);
    return body.data;
  };
}
