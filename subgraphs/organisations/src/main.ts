#!/usr/bin/env node
import 'reflect-metadata';
import { runSubgraphMain } from '@ngo-hub/kit';
import { organisationsSubgraph } from './subgraph.js';

await runSubgraphMain(organisationsSubgraph);
