#!/usr/bin/env node
import 'reflect-metadata';
import { runSubgraphMain } from '@ngo-hub/kit';
import { eventsSubgraph } from './subgraph.js';

await runSubgraphMain(eventsSubgraph);
