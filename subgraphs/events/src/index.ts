import 'reflect-metadata';

export { eventsSubgraph } from './subgraph.js';
export { buildEventsSchema } from './schema.js';
