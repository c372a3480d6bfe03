import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, type Connection, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../loaders.js';
import { PartnershipFilter, PartnershipSort } from '../modules/partnership/partnership.input.js';
import { PartnershipConnection, SORT_DESCRIPTION } from '../modules/partnership/partnership.resolver.js';
import { PartnershipRepository } from '../modules/partnership/partnership.repository.js';
import { partnershipListing, toPartnership } from '../modules/partnership/partnership.service.js';
import type { Partnership } from '../modules/partnership/partnership.type.js';
import { Territory } from './territory.stub.js';

type Context = SubgraphContext<Loaders>;

/** Fields this subgraph adds to the organisations subgraph's `Territory`. */
@Resolver(() => Territory)
export class TerritoryPartnershipsResolver {
  @FieldResolver(() => PartnershipConnection, {
    nullable: true,
    description:
      'Partnerships working inside this unit (main or an additional territory anywhere under it): the same list as `Query.partnerships` with `filter.territory` set to this code (null only when the partnerships service is unavailable).',
  })
  async partnerships(
    @Root() territory: Territory,
    @Arg('filter', () => PartnershipFilter, {
      nullable: true,
      description: 'Filters; all given ones must hold (a `territory` given here narrows this unit further).',
    })
    filter: PartnershipFilter | null,
    @Arg('sort', () => PartnershipSort, { nullable: true, description: SORT_DESCRIPTION }) sort: PartnershipSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<Partnership>> {
    const listing = partnershipListing(filter, sort, page);
    const connection = await new PartnershipRepository(ctx.em).ofTerritory(
      ctx.loaders.territoryPartnerships,
      territory.code,
      listing,
      toPartnership,
    );
    for (const edge of connection.edges) ctx.loaders.partnership.prime(edge.node.id, edge.node);
    return connection;
  }
}
