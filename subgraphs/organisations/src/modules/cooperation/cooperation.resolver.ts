import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type Connection, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { Organisation } from '../organisation/organisation.type.js';
import { Territory, TerritoryLevel } from '../territory/territory.type.js';
import { cooperationKey } from './cooperation.loaders.js';
import { CooperationRepository } from './cooperation.repository.js';
import { listTies } from './cooperation.service.js';
import { OrganisationCooperation, OrganisationCooperationConnection, TerritoryTie } from './cooperation.type.js';

type Context = SubgraphContext<Loaders>;

@Resolver(() => TerritoryTie)
export class TerritoryTieResolver {
  @Query(() => [TerritoryTie], {
    description:
      'How organisations cooperate across territories: pairs of units at `level` tied by shared partnerships, grants and events, where at least one end lies inside `territory`. Ties across voivodeship lines count like any other.',
  })
  cooperation(
    @Arg('territory', { description: 'TERC code of the area of interest (2, 4 or 7 digits).' }) territory: string,
    @Arg('level', () => TerritoryLevel, {
      description: 'Level of the tied units: WOJEWODZTWO, POWIAT or GMINA, not above the territory itself.',
    })
    level: TerritoryLevel,
    @Ctx() ctx: Context,
  ): Promise<TerritoryTie[]> {
    return listTies(new CooperationRepository(ctx.em), territory, level);
  }

  @FieldResolver(() => Territory, { description: 'One end of the tie (the one with the smaller code).' })
  async a(@Root() tie: TerritoryTie, @Ctx() ctx: Context): Promise<Territory> {
    return (await ctx.loaders.territory.load(tie.aCode))!;
  }

  @FieldResolver(() => Territory, { description: 'The other end of the tie.' })
  async b(@Root() tie: TerritoryTie, @Ctx() ctx: Context): Promise<Territory> {
    return (await ctx.loaders.territory.load(tie.bCode))!;
  }
}

@Resolver(() => OrganisationCooperation)
export class OrganisationCooperationResolver {
  @FieldResolver(() => Organisation, {
    nullable: true,
    description: 'The other organisation (null if it has been removed from the hub).',
  })
  organisation(@Root() cooperation: OrganisationCooperation, @Ctx() ctx: Context): Promise<Organisation | null> {
    return ctx.loaders.organisation.load(cooperation.organisationId);
  }
}

@Resolver(() => Organisation)
export class OrganisationCooperatesWithResolver {
  @FieldResolver(() => OrganisationCooperationConnection, {
    description: 'The organisations this one shares partnerships, grants or events with, most shared first.',
  })
  cooperatesWith(
    @Root() organisation: Organisation,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<OrganisationCooperation>> {
    return ctx.loaders.cooperationPages.load(cooperationKey(organisation.id, page));
  }
}
