import 'reflect-metadata';

export { organisationsSubgraph } from './subgraph.js';
export { buildOrganisationsSchema } from './schema.js';
/** For the national bulk loader, which fills the cooperation read model like the inbox does. */
export { PAIRS_FROM_LINKS } from './modules/cooperation/cooperation.pairs.js';
export { COOPERATION_KINDS } from './modules/cooperation/cooperation.inbox.js';
