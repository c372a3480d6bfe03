#!/usr/bin/env node
import 'reflect-metadata';
import { runSubgraphMain } from '@ngo-hub/kit';
import { partnershipsSubgraph } from './subgraph.js';

await runSubgraphMain(partnershipsSubgraph);
