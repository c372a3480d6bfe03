import { Migration20261123000000_funding } from './Migration20261123000000_funding.js';
import { Migration20261201000000_polish_search } from './Migration20261201000000_polish_search.js';

/** Every migration of this subgraph, oldest first. */
export const migrations = [Migration20261123000000_funding, Migration20261201000000_polish_search];
