/** What runs the gateway in a process of someone else's (the `npm start` launcher in tools/). */
export { createGatewayApp, gatewayOptionsFromEnv, type GatewayOptions } from './gateway.js';
export { gatewayEnvSchema, parseEnvOrExit, subgraphUrlOverrides, type GatewayEnv } from './env.js';
export { listenOn } from './listen.js';
