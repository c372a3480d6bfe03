#!/usr/bin/env node
import 'reflect-metadata';
import { runSubgraphMain } from '@ngo-hub/kit';
import { fundingSubgraph } from './subgraph.js';

await runSubgraphMain(fundingSubgraph);
