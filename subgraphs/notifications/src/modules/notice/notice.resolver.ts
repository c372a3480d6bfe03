import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@ngo-hub/kit';
import { SubscribeToNoticesInput } from './notice.input.js';
import { confirmNotices, subscribeToNotices, unsubscribeNotices } from './notice.service.js';
import { NoticeSubscriptionRequest } from './notice.type.js';

/** E-mail notices: anyone (anonymous too) may subscribe; the links in the mails confirm and unsubscribe. */
@Resolver()
export class NoticeResolver {
  @Mutation(() => NoticeSubscriptionRequest, {
    description:
      'Asks for e-mail notices of new events or competitions within a territory; anyone may. A confirmation link is mailed first, and nothing else is sent until it is opened. The answer never repeats the address.',
  })
  subscribeToNotices(
    @Arg('input', () => SubscribeToNoticesInput, { description: 'The address, territory, kinds and frequency.' })
    input: SubscribeToNoticesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<NoticeSubscriptionRequest> {
    return subscribeToNotices(ctx.em, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Confirms a subscription with the token of its confirmation link (what GET /notices/confirm does); false when no subscription has that token.',
  })
  confirmNotices(
    @Arg('token', { description: 'The token of the confirmation link.' }) token: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    return confirmNotices(ctx.em, token);
  }

  @Mutation(() => Boolean, {
    description:
      'Ends a subscription with the token of the unsubscribe link every notice carries, deleting the address; false when no subscription has that token.',
  })
  unsubscribeNotices(
    @Arg('token', { description: 'The token of the unsubscribe link.' }) token: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    return unsubscribeNotices(ctx.em, token);
  }
}
