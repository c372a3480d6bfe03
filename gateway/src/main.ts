#!/usr/bin/env node
import { announceReady, runClustered } from '@ngo-hub/kit/cluster';
import { stopOnSignals } from '@ngo-hub/kit/signals';
import { shutdownTracing, startTracingFromEnv, traceLogFields } from '@ngo-hub/kit/tracing';
import { pino } from 'pino';
import { gatewayEnvSchema, parseEnvOrExit, subgraphUrlOverrides } from './env.js';
import { createGatewayApp, gatewayOptionsFromEnv } from './gateway.js';
import { listenOn } from './listen.js';

/** The gateway alone (docker, or subgraphs started elsewhere); WORKERS above 1 forks that many (kit's cluster.ts). */
const env = parseEnvOrExit(gatewayEnvSchema);
const logger = pino({ name: 'gateway', level: env.LOG_LEVEL, mixin: traceLogFields });
await startTracingFromEnv(env, 'gateway');
await runClustered({
  name: 'gateway',
  workers: env.WORKERS,
  logger,
  serve: async () => {
    const app = createGatewayApp(gatewayOptionsFromEnv(env, logger, subgraphUrlOverrides(env)));
    stopOnSignals(logger, async () => {
      await (await app).close();
      await shutdownTracing();
    });
    const url = await listenOn(await app, env.PORT, env.HOST);
    announceReady();
    logger.info({ url }, 'gateway ready');
  },
});
