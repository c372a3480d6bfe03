import 'reflect-metadata';
import { createNotificationsSubgraph } from './subgraph.js';

export { createNotificationsSubgraph } from './subgraph.js';
export { buildNotificationsSchema } from './schema.js';
export type { NotificationSettings } from './settings.js';
export { notificationEnvSchema } from './env.js';

/** With the defaults a fresh `npm start` uses (schema generation, the bulk loader, tests that need no mail). */
export const notificationsSubgraph = createNotificationsSubgraph({
  mailDir: '.data/mail',
  mailFrom: 'ngo-hub <powiadomienia@localhost>',
  publicUrl: 'http://localhost:4000',
  allowPrivateWebhooks: false,
  webhookTimeoutMs: 10_000,
});
