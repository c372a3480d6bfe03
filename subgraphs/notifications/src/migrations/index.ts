import { integrationMigration, jobsMigration } from '@ngo-hub/kit';
import { Migration010_webhooks } from './010_webhooks.js';
import { Migration020_notices } from './020_notices.js';
import { Migration021_notice_items } from './021_notice_items.js';

/** Every migration of this subgraph in run order (kit's migrations first; modules numbered by tens). */
export const migrations = [
  integrationMigration('notifications'), // 001
  jobsMigration('notifications'), // 002
  Migration010_webhooks,
  Migration020_notices,
  Migration021_notice_items,
];
