import { Migration20261123000000_initial } from './Migration20261123000000_initial.js';
import { integrationMigration, redeliverMigration, REFERENCE_TOPICS } from '@ngo-hub/kit';
import { Migration20261123200000_cooperation } from './Migration20261123200000_cooperation.js';
import { Migration20261124000000_cooperation_pairs } from './Migration20261124000000_cooperation_pairs.js';
import { Migration20261124100000_cooperation_cache } from './Migration20261124100000_cooperation_cache.js';
import { Migration20261201000000_polish_search } from './Migration20261201000000_polish_search.js';

/** Every migration of this subgraph, oldest first. */
export const migrations = [
  Migration20261123000000_initial,
  Migration20261201000000_polish_search,
  integrationMigration('organisations'),
  Migration20261123200000_cooperation,
  Migration20261124000000_cooperation_pairs,
  Migration20261124100000_cooperation_cache,
  // Events and partnerships now keep the ids of organisations from this topic: send them the current state once.
  redeliverMigration('organisations', [REFERENCE_TOPICS.organisation]),
];
