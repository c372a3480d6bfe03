import { integrationMigration, outboxPendingMigration, knownIdsMigration } from '@ngo-hub/kit';
import { Migration001_events } from './001_events.js';
import { Migration002_events_search } from './002_events_search.js';
import { Migration004_events_span } from './004_events_span.js';
import { Migration006_updated_at } from './006_updated_at.js';
import { Migration007_record_source } from './007_record_source.js';
import { Migration009_territory_span } from './009_territory_span.js';

/**
 * Every migration of this subgraph in run order. A file's number is its place here (the gaps are
 * kit's migrations), so the folder lists them in the order they run. A migration is known by its
 * `name` in `schema_migrations`: the older ones keep the name earlier releases recorded; a new one
 * is named like its class.
 */
export const migrations = [
  Migration001_events,
  Migration002_events_search,
  integrationMigration('events'), // 003
  Migration004_events_span,
  knownIdsMigration('events'), // 005
  Migration006_updated_at,
  Migration007_record_source,
  outboxPendingMigration('events'), // 008
  Migration009_territory_span,
];
