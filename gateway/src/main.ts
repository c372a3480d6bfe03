#!/usr/bin/env node
import { pino } from 'pino';
import { gatewayEnvSchema, parseEnvOrExit, subgraphUrlOverrides } from './env.js';
import { createGatewayApp, gatewayOptionsFromEnv } from './gateway.js';
import { listenOn } from './listen.js';

/** The gateway alone (docker, or subgraphs started elsewhere). */
const env = parseEnvOrExit(gatewayEnvSchema);
const logger = pino({ name: 'gateway', level: env.LOG_LEVEL });
const app = await createGatewayApp(gatewayOptionsFromEnv(env, logger, subgraphUrlOverrides(env)));
const url = await listenOn(app, env.PORT, env.HOST);
logger.info({ url }, 'gateway ready');
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await app.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
