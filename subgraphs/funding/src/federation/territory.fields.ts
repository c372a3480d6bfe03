import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../loaders.js';
import { CallFilter } from '../modules/call/call.input.js';
import { CallConnection, SORT_DESCRIPTION as CALL_SORT_DESCRIPTION } from '../modules/call/call.resolver.js';
import { CallRepository } from '../modules/call/call.repository.js';
import { callQuery, toCall } from '../modules/call/call.service.js';
import { CallSort } from '../modules/call/call.type.js';
import { GrantFilter } from '../modules/grant/grant.input.js';
import { GrantConnection, SORT_DESCRIPTION as GRANT_SORT_DESCRIPTION } from '../modules/grant/grant.resolver.js';
import { GrantRepository } from '../modules/grant/grant.repository.js';
import { grantQuery, toGrant } from '../modules/grant/grant.service.js';
import { GrantSort } from '../modules/grant/grant.type.js';
import { Territory } from './territory.stub.js';

type Context = SubgraphContext<Loaders>;

/** Fields this subgraph adds to the organisations subgraph's `Territory`. */
@Resolver(() => Territory)
export class TerritoryFundingResolver {
  @FieldResolver(() => CallConnection, {
    nullable: true,
    description:
      'Calls for proposals open to organisations of this territory: those with an eligible territory inside it (the root `calls` list with the same arguments, restricted to this territory; null only when the funding service is unavailable).',
  })
  calls(
    @Root() territory: Territory,
    @Arg('filter', () => CallFilter, { nullable: true, description: 'Filters; all given must hold.' })
    filter: CallFilter | null,
    @Arg('sort', () => CallSort, { nullable: true, description: CALL_SORT_DESCRIPTION }) sort: CallSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return new CallRepository(ctx.em).ofTerritory(
      ctx.loaders.territoryCalls,
      territory.code,
      callQuery(filter, sort, page),
      toCall,
    );
  }

  @FieldResolver(() => GrantConnection, {
    nullable: true,
    description:
      'Grants benefiting this territory or any unit inside it: the root `grants` list with the same arguments, restricted to this territory (null only when the funding service is unavailable).',
  })
  grants(
    @Root() territory: Territory,
    @Arg('filter', () => GrantFilter, { nullable: true, description: 'Filters; all given must hold.' })
    filter: GrantFilter | null,
    @Arg('sort', () => GrantSort, { nullable: true, description: GRANT_SORT_DESCRIPTION }) sort: GrantSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return new GrantRepository(ctx.em).ofTerritory(
      ctx.loaders.territoryGrants,
      territory.code,
      grantQuery(filter, sort, page),
      toGrant,
    );
  }
}
