import { integrationMigration, knownIdsMigration, redeliverMigration, REFERENCE_TOPICS } from '@ngo-hub/kit';
import { Migration20261123000000_initial } from './Migration20261123000000_initial.js';
import { Migration20261201000000_polish_search } from './Migration20261201000000_polish_search.js';

/** Every migration of this subgraph, oldest first. */
export const migrations = [
  Migration20261123000000_initial, Migration20261201000000_polish_search, integrationMigration('partnerships'),
  knownIdsMigration('partnerships'),
  // Events and funding now keep the ids of partnerships from this topic: send them the current state once.
  redeliverMigration('partnerships', [REFERENCE_TOPICS.partnership]),
];
