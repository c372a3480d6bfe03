import { integrationMigration, outboxPendingMigration, knownIdsMigration } from '@ngo-hub/kit';
import { Migration001_access } from './001_access.js';

/** Every migration of this subgraph in run order (kit's migrations numbered in place). */
export const migrations = [
  Migration001_access,
  integrationMigration('access'), // 002
  knownIdsMigration('access'), // 003
  outboxPendingMigration('access'), // 004
];
