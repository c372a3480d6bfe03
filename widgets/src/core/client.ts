/** A GraphQL call that went wrong, in words a portal's visitor can read (never a stack). */
export class HubError extends Error {
  constructor(
    /** `network`: the hub could not be reached; `api`: it answered with errors; `not-found`: no such record. */
    readonly kind: 'network' | 'api' | 'not-found',
    detail: string,
  ) {
    super(detail);
    this.name = 'HubError';
  }
}

/** The hub that served this script: `<origin of ngo-hub.js>/graphql`, so a portal needs no `endpoint` attribute. */
export const DEFAULT_ENDPOINT: string = (() => {
  try {
    return new URL('/graphql', import.meta.url).href;
  } catch {
    return '/graphql';
  }
})();

/**
 * POSTs one operation (a plain JSON request: the gateway's CORS lets any portal make it) and returns
 * `data`; throws HubError on a network failure, a non-JSON answer or any GraphQL error.
 */
export async function query<T>(
  endpoint: string,
  document: string,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: document, variables }),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new HubError('network', (error as Error).message);
  }
  let body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new HubError('network', `HTTP ${response.status}`);
  }
  const error = body.errors?.[0];
  if (error) throw new HubError(error.extensions?.code === 'NOT_FOUND' ? 'not-found' : 'api', error.message);
  if (!body.data) throw new HubError('api', `HTTP ${response.status}`);
  return body.data;
}
