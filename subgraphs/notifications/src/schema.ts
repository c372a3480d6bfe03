import { buildFederatedSchema } from '@ngo-hub/kit';
import type { NonEmptyArray } from 'type-graphql';
import { ChangeResolver } from './modules/change/change.resolver.js';
import { NoticeResolver } from './modules/notice/notice.resolver.js';
import { WebhookResolver } from './modules/webhook/webhook.resolver.js';

/** Each module's resolvers. */
const RESOLVERS: NonEmptyArray<Function> = [ChangeResolver, WebhookResolver, NoticeResolver];

/** The notifications subgraph schema: change types, webhooks, e-mail notice subscriptions. */
export function buildNotificationsSchema() {
  return buildFederatedSchema({ resolvers: RESOLVERS });
}
