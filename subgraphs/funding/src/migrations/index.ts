import { integrationMigration, outboxPendingMigration, knownIdsMigration } from '@ngo-hub/kit';
import { Migration001_funding } from './001_funding.js';
import { Migration002_polish_search } from './002_polish_search.js';
import { Migration004_organisation_seat } from './004_organisation_seat.js';
import { Migration005_flows_cache } from './005_flows_cache.js';
import { Migration007_known_organisations_from_seats } from './007_known_organisations_from_seats.js';
import { Migration008_call_territory } from './008_call_territory.js';
import { Migration009_updated_at } from './009_updated_at.js';
import { Migration010_record_source } from './010_record_source.js';

/**
 * Every migration of this subgraph in run order. A file's number is its place here (the gaps are
 * kit's migrations), so the folder lists them in the order they run. A migration is known by its
 * `name` in `schema_migrations`: the older ones keep the name earlier releases recorded; a new one
 * is named like its class.
 */
export const migrations = [
  Migration001_funding,
  Migration002_polish_search,
  integrationMigration('funding'), // 003
  Migration004_organisation_seat,
  Migration005_flows_cache,
  knownIdsMigration('funding'), // 006
  Migration007_known_organisations_from_seats,
  Migration008_call_territory,
  Migration009_updated_at,
  Migration010_record_source,
  outboxPendingMigration('funding'), // 011
];
