import { integrationMigration, outboxPendingMigration, jobsMigration } from '@ngo-hub/kit';
import { Migration003_webhooks } from './003_webhooks.js';
import { Migration004_notices } from './004_notices.js';
import { Migration005_notice_items } from './005_notice_items.js';

/** Every migration of this subgraph in run order; a file's number is its place here (the gaps are kit's). */
export const migrations = [
  integrationMigration('notifications'), // 001
  jobsMigration('notifications'), // 002
  Migration003_webhooks,
  Migration004_notices,
  Migration005_notice_items,
  outboxPendingMigration('notifications'), // 006
];
