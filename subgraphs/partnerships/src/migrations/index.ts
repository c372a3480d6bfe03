import {
  integrationMigration,
  outboxPendingMigration,
  knownIdsMigration,
  redeliverMigration,
  REFERENCE_TOPICS,
} from '@ngo-hub/kit';
import { Migration001_initial } from './001_initial.js';
import { Migration002_polish_search } from './002_polish_search.js';
import { Migration006_declarations } from './006_declarations.js';
import { Migration007_updated_at } from './007_updated_at.js';
import { Migration008_record_source } from './008_record_source.js';

/**
 * Every migration of this subgraph in run order. A file's number is its place here (the gaps are
 * kit's migrations), so the folder lists them in the order they run. A migration is known by its
 * `name` in `schema_migrations`: the older ones keep the name earlier releases recorded; a new one
 * is named like its class.
 */
export const migrations = [
  Migration001_initial,
  Migration002_polish_search,
  integrationMigration('partnerships'), // 003
  knownIdsMigration('partnerships'), // 004
  // 005: events and funding now keep the ids of partnerships from this topic: send them the current state once.
  redeliverMigration('partnerships', [REFERENCE_TOPICS.partnership]),
  Migration006_declarations,
  Migration007_updated_at,
  Migration008_record_source,
  outboxPendingMigration('partnerships'), // 009
];
