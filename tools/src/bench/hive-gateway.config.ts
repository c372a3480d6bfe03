/**
 * Hive Gateway as the benchmark runs it (`hive-gateway supergraph schema/supergraph.graphql -c
 * tools/dist/bench/hive-gateway.config.js`): every setting that could let it do less work per
 * request than our gateway is pinned here, explicitly, even where it is the default. (A plain object,
 * not `defineConfig(...)`: importing Hive's types would pull DOM typings into the tools' build.)
 */
export const gatewayConfig = {
  // Outbound in-flight deduplication is ON by default: identical concurrent subgraph queries would
  // be sent once and shared. Our gateway sends every fetch, so Hive must too.
  transportEntries: {
    '*.http': { options: { deduplicateInflightRequests: false } as Record<string, unknown> },
  },
  // The subgraphs answer `_entities` only to a gateway holding their internal token (x-internal-token),
  // as ours sends it; the benchmark gives every gateway the same INTERNAL_TOKEN in its env.
  propagateHeaders: {
    fromClientToSubgraphs: () => ({ 'x-internal-token': process.env.INTERNAL_TOKEN ?? '' }),
  },
  // Inbound deduplication (identical concurrent client requests executed once); off by default.
  inboundInflightRequestDeduplication: false,
  // No response cache (not configured = off); no JIT (CLI flag not given); one process (--fork 1).
  // The same query limits our gateway applies with graphql-armor (depth 12, 5000 tokens).
  maxDepth: 12,
  maxTokens: 5000,
  landingPage: false,
  graphiql: false,
  logging: 'warn',
};
