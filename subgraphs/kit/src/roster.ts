/**
 * The hub's roster: its subgraphs, in composition and start order, and every service's default port.
 * Written here and nowhere else; the gateway's env, each subgraph's `defaultPort`, schema generation,
 * the launcher, the benchmark and the data set read it, and the compose test checks
 * docker/compose.yaml (which cannot import it) against it. A light entry point
 * (`@ngo-hub/kit/roster`): importing it loads neither the ORM nor GraphQL.
 */
export const SUBGRAPHS = ['organisations', 'partnerships', 'events', 'funding', 'access', 'notifications'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export const GATEWAY_DEFAULT_PORT = 4000;
export const SUBGRAPH_DEFAULT_PORTS: Readonly<Record<SubgraphName, number>> = {
  organisations: 4001,
  partnerships: 4002,
  events: 4003,
  funding: 4004,
  access: 4005,
  notifications: 4006,
};

/** The gateway's variable overriding a subgraph's URL, e.g. `SUBGRAPH_EVENTS_URL`. */
export type SubgraphUrlVariable = `SUBGRAPH_${Uppercase<SubgraphName>}_URL`;
export const subgraphUrlVariable = (name: SubgraphName) => `SUBGRAPH_${name.toUpperCase()}_URL` as SubgraphUrlVariable;

/** The launcher's variable setting a subgraph's port, e.g. `EVENTS_PORT`. */
export type SubgraphPortVariable = `${Uppercase<SubgraphName>}_PORT`;
export const subgraphPortVariable = (name: SubgraphName) => `${name.toUpperCase()}_PORT` as SubgraphPortVariable;

/** One value per subgraph, keyed by `key(name)`, in roster order (for env schemas and the like). */
export function perSubgraph<K extends string, V>(
  key: (name: SubgraphName) => K,
  value: (name: SubgraphName) => V,
): Record<K, V> {
  return Object.fromEntries(SUBGRAPHS.map((name) => [key(name), value(name)])) as Record<K, V>;
}
