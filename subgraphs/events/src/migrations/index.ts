import { integrationMigration, knownIdsMigration } from '@ngo-hub/kit';
import { Migration20261123000300_events } from './Migration20261123000300_events.js';
import { Migration20261201000300_events_search } from './Migration20261201000300_events_search.js';
import { Migration20261215000300_events_span } from './Migration20261215000300_events_span.js';

/** Every migration of this subgraph, oldest first. */
export const migrations = [
  Migration20261123000300_events, Migration20261201000300_events_search, integrationMigration('events'), Migration20261215000300_events_span,
  knownIdsMigration('events'),
];
