import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { connectionType, PageArgs, type SubgraphContext } from '@ngo-hub/kit';
import type { NotificationLoaders } from '../../settings.js';
import { CreateWebhookInput } from './webhook.input.js';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks } from './webhook.service.js';
import { CreatedWebhook, Webhook, WebhookDelivery } from './webhook.type.js';

export const WebhookConnection = connectionType('Webhook', Webhook, 'webhook');
export const WebhookDeliveryConnection = connectionType('WebhookDelivery', WebhookDelivery, 'webhook delivery record');

type Context = SubgraphContext<NotificationLoaders>;

@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => WebhookConnection, {
    description: 'Webhooks, newest first: ADMIN sees all, a PORTAL key the ones it made.',
  })
  webhooks(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    return listWebhooks(ctx.em, ctx, page);
  }

  @Query(() => WebhookDeliveryConnection, {
    description: "A webhook's deliveries with their attempts, newest first (its maker or ADMIN).",
  })
  webhookDeliveries(
    @Arg('webhookId', () => ID, { description: 'Id of the webhook.' }) webhookId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listDeliveries(ctx.em, ctx, webhookId, page);
  }

  @Mutation(() => CreatedWebhook, {
    description:
      'Subscribes an address to changes (ADMIN, or a PORTAL key on its own behalf) and returns the signing secret, shown this once. Each change is POSTed as JSON `{ type, timestamp, data }`, signed per Standard Webhooks, retried for 24 hours until answered 2xx.',
  })
  createWebhook(
    @Arg('input', () => CreateWebhookInput, { description: 'The new webhook.' }) input: CreateWebhookInput,
    @Ctx() ctx: Context,
  ): Promise<CreatedWebhook> {
    return createWebhook(ctx.em, ctx, input, ctx.loaders.settings.allowPrivateWebhooks);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes a webhook and its deliveries (its maker or ADMIN); nothing more is sent to it.',
  })
  deleteWebhook(@Arg('id', () => ID, { description: 'Id of the webhook.' }) id: string, @Ctx() ctx: Context) {
    return deleteWebhook(ctx.em, ctx, id);
  }
}
