import { Migration20261123000000_funding } from './Migration20261123000000_funding.js';

/** Every migration of this subgraph, oldest first. */
export const migrations = [Migration20261123000000_funding];
