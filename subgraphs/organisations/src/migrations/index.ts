import { integrationMigration, outboxPendingMigration, redeliverMigration, REFERENCE_TOPICS } from '@ngo-hub/kit';
import { Migration001_initial } from './001_initial.js';
import { Migration002_polish_search } from './002_polish_search.js';
import { Migration004_cooperation } from './004_cooperation.js';
import { Migration005_cooperation_pairs } from './005_cooperation_pairs.js';
import { Migration006_cooperation_cache } from './006_cooperation_cache.js';
import { Migration008_contact_person } from './008_contact_person.js';
import { Migration009_updated_at } from './009_updated_at.js';
import { Migration010_record_source } from './010_record_source.js';
import { Migration011_cooperation_year } from './011_cooperation_year.js';

/**
 * Every migration of this subgraph in run order. A file's number is its place here (the gaps are
 * kit's migrations), so the folder lists them in the order they run. A migration is known by its
 * `name` in `schema_migrations`: the older ones keep the name earlier releases recorded; a new one
 * is named like its class.
 */
export const migrations = [
  Migration001_initial,
  Migration002_polish_search,
  integrationMigration('organisations'), // 003
  Migration004_cooperation,
  Migration005_cooperation_pairs,
  Migration006_cooperation_cache,
  // 007: events and partnerships now keep the ids of organisations from this topic: send them the current state once.
  redeliverMigration('organisations', [REFERENCE_TOPICS.organisation]),
  Migration008_contact_person,
  Migration009_updated_at,
  Migration010_record_source,
  Migration011_cooperation_year,
  outboxPendingMigration('organisations'), // 012
];
