/** What the notifications subgraph needs beyond every subgraph's env (env.ts reads it; tests pass their own). */
export interface NotificationSettings {
  /** `smtp://…` / `smtps://…`; without it mails are written as .eml files under `mailDir`. */
  smtpUrl?: string;
  mailDir: string;
  /** The From: of every notice. */
  mailFrom: string;
  /** The hub's public base URL (the gateway's), for links in mails: `/notices/confirm?token=…`. */
  publicUrl: string;
  /** `http://` and loopback/private addresses for webhooks (local testing only). */
  allowPrivateWebhooks: boolean;
  /** How long one webhook POST may take. */
  webhookTimeoutMs: number;
}

/** What every request's context carries (`ctx.loaders`): the subgraph's settings, for resolvers that depend on them. */
export interface NotificationLoaders {
  settings: NotificationSettings;
}
