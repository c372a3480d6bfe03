import 'reflect-metadata';

export { organisationsSubgraph } from './subgraph.js';
export { buildOrganisationsSchema } from './schema.js';
