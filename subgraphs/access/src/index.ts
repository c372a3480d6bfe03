import 'reflect-metadata';

export { accessSubgraph } from './subgraph.js';
export { buildAccessSchema } from './schema.js';
