#!/usr/bin/env node
import 'reflect-metadata';
import { runSubgraphMain } from '@ngo-hub/kit';
import { settingsFromEnv } from './env.js';
import { createNotificationsSubgraph } from './subgraph.js';

await runSubgraphMain(createNotificationsSubgraph(settingsFromEnv()));
