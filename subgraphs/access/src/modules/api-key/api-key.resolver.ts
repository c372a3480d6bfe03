import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { authorize, connectionType, PageArgs, type SubgraphContext } from '@ngo-hub/kit';
import { ApiKeyFilter, CreateApiKeyInput } from './api-key.input.js';
import { createApiKey, listApiKeys, revokeApiKey, toViewer } from './api-key.service.js';
import { ApiKey, CreatedApiKey, Viewer } from './api-key.type.js';

export const ApiKeyConnection = connectionType('ApiKey', ApiKey, 'API key');

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: 'API keys, newest first (ADMIN only).' })
  apiKeys(
    @Arg('filter', () => ApiKeyFilter, { nullable: true, description: 'Conditions the keys must meet.' })
    filter: ApiKeyFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    authorize(ctx, { action: 'apiKeys' });
    return listApiKeys(ctx.em, filter, page);
  }

  @Mutation(() => CreatedApiKey, {
    description:
      'Makes an API key (ADMIN only) and returns its secret, shown this once. The role decides which of organisationId, partnershipId, funderId is required.',
  })
  createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'The new key.' }) input: CreateApiKeyInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreatedApiKey> {
    const actor = authorize(ctx, { action: 'createApiKey' });
    return createApiKey(ctx.em, actor, input);
  }

  @Mutation(() => ApiKey, {
    description:
      'Revokes an API key (ADMIN only): from then on it is UNAUTHENTICATED (within API_KEY_CACHE_SECONDS on other gateway replicas). Revoking twice changes nothing.',
  })
  revokeApiKey(
    @Arg('id', () => ID, { description: 'Id of the key.' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApiKey> {
    const actor = authorize(ctx, { action: 'revokeApiKey' });
    return revokeApiKey(ctx.em, actor, id);
  }
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, {
    nullable: true,
    description: 'Who the hub takes the caller to be: null without a credential. Lets a portal check its key.',
  })
  viewer(@Ctx() ctx: SubgraphContext): Viewer | null {
    return ctx.viewer ? toViewer(ctx.viewer) : null;
  }
}
