/** A tiny GraphQL client for the pictures (until the shared one in widgets/src/core is merged). */

/** The gateway that served this script: pages embedding /widgets/ngo-hub.js talk to its /graphql. */
export function defaultEndpoint(): string {
  return new URL('/graphql', import.meta.url).toString();
}

export class GraphQLError extends Error {}

export async function query<T>(
  endpoint: string,
  text: string,
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: text, variables }),
    signal,
  });
  let body: { data?: T; errors?: { message: string }[] };
  try {
    body = await response.json();
  } catch {
    throw new GraphQLError(`HTTP ${response.status}`);
  }
  if (body.errors?.length) throw new GraphQLError(body.errors.map((e) => e.message).join('; '));
  if (!response.ok || !body.data) throw new GraphQLError(`HTTP ${response.status}`);
  return body.data;
}
