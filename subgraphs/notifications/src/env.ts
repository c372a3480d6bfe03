import { resolve } from 'node:path';
import { parseEnv } from '@ngo-hub/kit';
import { z } from 'zod';
import type { NotificationSettings } from './settings.js';

/** The notifications subgraph's own variables; `src/env.ts` is the only reader of `process.env` here. */
export const notificationEnvSchema = z.object({
  // Compose passes an unset variable as empty.
  SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_DIR: z.string().default('.data/mail'),
  MAIL_FROM: z.string().default('ngo-hub <powiadomienia@localhost>'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:4000'),
  WEBHOOKS_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

export function settingsFromEnv(source: NodeJS.ProcessEnv = process.env): NotificationSettings {
  const env = parseEnv(notificationEnvSchema, source);
  return {
    smtpUrl: env.SMTP_URL,
    mailDir: resolve(env.MAIL_DIR),
    mailFrom: env.MAIL_FROM,
    publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
    allowPrivateWebhooks: env.WEBHOOKS_ALLOW_PRIVATE,
    webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
  };
}
