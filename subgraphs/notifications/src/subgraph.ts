import type { JobHandlers, MikroORM, SubgraphDefinition } from '@ngo-hub/kit';
import { SUBGRAPH_DEFAULT_PORTS } from '@ngo-hub/kit/roster';
import { migrations } from './migrations/index.js';
import { changeInbox } from './modules/change/change.inbox.js';
import { NoticeSubscriptionEntity } from './modules/notice/notice.entity.js';
import { noticeJobHandlers } from './modules/notice/notice.jobs.js';
import { deliverWebhook } from './modules/webhook/webhook.deliver.js';
import { WebhookDeliveryEntity, WebhookEntity } from './modules/webhook/webhook.entity.js';
import { WEBHOOK_DELIVER } from './modules/webhook/webhook.fanout.js';
import { buildNotificationsSchema } from './schema.js';
import type { NotificationLoaders, NotificationSettings } from './settings.js';

/** The job handlers of each module by kind (`webhook.deliver`, `notice.send`, …). */
function jobHandlers(orm: MikroORM, settings: NotificationSettings): JobHandlers {
  return {
    [WEBHOOK_DELIVER]: deliverWebhook(orm, settings),
    ...noticeJobHandlers(orm, settings),
  };
}

/**
 * Telling people what changed (issue 10): webhooks and e-mail notices, fed by every subgraph's audit
 * entries (`audit.entry`, with their public summaries), delivered by durable jobs (kit jobs.ts).
 * It reads no other subgraph's tables and owns only subscriptions and their deliveries.
 */
export function createNotificationsSubgraph(settings: NotificationSettings): SubgraphDefinition<NotificationLoaders> {
  return {
    name: 'notifications',
    defaultPort: SUBGRAPH_DEFAULT_PORTS.notifications,
    database: {
      schema: 'notifications',
      entities: [WebhookEntity, WebhookDeliveryEntity, NoticeSubscriptionEntity],
      migrations,
    },
    buildSchema: buildNotificationsSchema,
    createLoaders: () => ({ settings }),
    integration: { handlers: changeInbox },
    jobs: (orm) => jobHandlers(orm, settings),
  };
}
