import 'reflect-metadata';

export { partnershipsSubgraph } from './subgraph.js';
export { buildPartnershipsSchema } from './schema.js';
