import { Migration20261123000000_initial } from './Migration20261123000000_initial.js';

/** Every migration of this subgraph, oldest first. */
export const migrations = [Migration20261123000000_initial];
