import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** What the gateway reports on `GET /metrics` (Prometheus text format). */
export interface GatewayMetrics {
  registry: Registry;
  requests: Counter;
  duration: Histogram;
  /** Labelled by subgraph; `fetchesTo(name)` keeps the label lookup off the hot path. */
  subgraphFetches: Counter<'subgraph'>;
  sqlStatements: Counter;
  fetchesTo: (subgraph: string) => { inc: (n?: number) => void };
}

/** A registry per gateway app (tests start several in one process), with the default process metrics. */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'gateway' });
  collectDefaultMetrics({ register: registry });
  const subgraphFetches = new Counter({
    name: 'ngo_hub_gateway_subgraph_fetches_total',
    help: 'Requests the gateway sent to subgraphs and got an answer to.',
    labelNames: ['subgraph'] as const,
    registers: [registry],
  });
  const children = new Map<string, { inc: (n?: number) => void }>();
  return {
    registry,
    requests: new Counter({
      name: 'ngo_hub_gateway_requests_total',
      help: 'GraphQL requests served on /graphql.',
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'ngo_hub_gateway_request_duration_seconds',
      help: 'Time to answer a GraphQL request, up to the response body.',
      registers: [registry],
    }),
    subgraphFetches,
    sqlStatements: new Counter({
      name: 'ngo_hub_gateway_sql_statements_total',
      help: "SQL statements the subgraphs reported (x-sql-statements) for the gateway's requests.",
      registers: [registry],
    }),
    fetchesTo: (subgraph) => {
      let child = children.get(subgraph);
      if (!child) {
        child = subgraphFetches.labels(subgraph);
        children.set(subgraph, child);
      }
      return child;
    },
  };
}
