/**
 * With REDIS_URL the gateway's shared cache is invalidated by the owners' audit entries alone, so it
 * must hear every subgraph: on the same NATS_URL when the subgraph publishes to JetStream, else as one
 * of its EVENT_SUBSCRIBERS. Returns the subgraphs whose changes would never reach it (none is right).
 */
export function subgraphsUnheard(
  gateway: Record<string, string | undefined>,
  subgraphs: Record<string, Record<string, string | undefined>>,
  gatewayBaseUrl: string,
): string[] {
  if (!gateway.REDIS_URL) return [];
  return Object.entries(subgraphs)
    .filter(([, env]) =>
      env.NATS_URL
        ? env.NATS_URL !== gateway.NATS_URL
        : !(env.EVENT_SUBSCRIBERS ?? '').split(',').includes(gatewayBaseUrl),
    )
    .map(([name]) => name);
}
