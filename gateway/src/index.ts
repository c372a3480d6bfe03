/** What runs the gateway in a process of someone else's (the `npm start` launcher in tools/). */
export { createGatewayApp, gatewayOptionsFromEnv, readSupergraph, type GatewayOptions } from './gateway.js';
export {
  DEFAULT_SUPERGRAPH_PATH,
  gatewayEnvSchema,
  parseEnvOrExit,
  subgraphUrlOverrides,
  type GatewayEnv,
} from './env.js';
export { listenOn } from './listen.js';
export { DEFAULT_CACHE_PREFIX, flushSharedResponseCache } from './response-store.js';
