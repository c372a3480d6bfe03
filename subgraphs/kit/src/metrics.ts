import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** What one subgraph process reports on `GET /metrics` (Prometheus text format). */
export interface SubgraphMetrics {
  registry: Registry;
  requests: Counter;
  sqlStatements: Counter;
  duration: Histogram;
}

/**
 * A registry per server (tests run several subgraphs in one process), labelled with the subgraph's
 * name, with prom-client's default process metrics (CPU, memory, event loop lag, GC).
 */
export function createSubgraphMetrics(subgraph: string): SubgraphMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ subgraph });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'ngo_hub_graphql_requests_total',
      help: 'GraphQL requests served (POST/GET /graphql).',
      registers: [registry],
    }),
    sqlStatements: new Counter({
      name: 'ngo_hub_sql_statements_total',
      help: 'SQL statements sent while serving GraphQL requests.',
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'ngo_hub_graphql_request_duration_seconds',
      help: 'Time to execute a GraphQL request, up to the response body.',
      registers: [registry],
    }),
  };
}
