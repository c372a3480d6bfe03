import 'reflect-metadata';

export { fundingSubgraph } from './subgraph.js';
export { buildFundingSchema } from './schema.js';
