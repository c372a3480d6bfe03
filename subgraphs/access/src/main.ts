#!/usr/bin/env node
import 'reflect-metadata';
import { runSubgraphMain } from '@ngo-hub/kit';
import { accessSubgraph } from './subgraph.js';

await runSubgraphMain(accessSubgraph);
