import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, pageRequest, type Connection, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { Organisation } from '../organisation/organisation.type.js';
import { Territory, TerritoryLevel } from '../territory/territory.type.js';
import { cooperationKey } from './cooperation.loaders.js';
import { CooperationRepository } from './cooperation.repository.js';
import { listTies, tieScope } from './cooperation.service.js';
import { tieSourcesKey } from './cooperation-tie.loaders.js';
import { tiesConnection } from './cooperation-tie.service.js';
import {
  CooperationTie,
  CooperationTieConnection,
  TieEventConnection,
  TieGrantConnection,
  TiePartnershipConnection,
} from './cooperation-tie.type.js';
import { OrganisationCooperation, OrganisationCooperationConnection, TerritoryTie } from './cooperation.type.js';

type Context = SubgraphContext<Loaders>;

const TERRITORY_ARG = {
  description:
    'TERC code of the area of interest (2, 4 or 7 digits), or "PL" for the whole country (every tie counted once).',
};
const LEVEL_ARG = {
  description: 'Level of the tied units: WOJEWODZTWO, POWIAT or GMINA, not above the territory itself.',
};
const FROM_YEAR_ARG = {
  nullable: true,
  description:
    "First year counted (1990..2100). A source's year: a partnership's establishedOn, an event's start (Warsaw time), a grant's startsOn (else agreementSignedOn); with a window, sources of unknown year are left out.",
};
const TO_YEAR_ARG = { nullable: true, description: 'Last year counted (1990..2100, not before fromYear).' };

@Resolver(() => TerritoryTie)
export class TerritoryTieResolver {
  @Query(() => [TerritoryTie], {
    deprecationReason:
      'Use cooperationTies: the same ties, strongest first, paged, with the partnerships, grants and events behind each.',
    description:
      'How organisations cooperate across territories: pairs of units at `level` tied by shared partnerships, grants and events, where at least one end lies inside `territory`, ordered by codes. Ties across voivodeship lines count like any other.',
  })
  cooperation(
    @Arg('territory', TERRITORY_ARG) territory: string,
    @Arg('level', () => TerritoryLevel, LEVEL_ARG) level: TerritoryLevel,
    @Arg('fromYear', () => Int, FROM_YEAR_ARG) fromYear: number | null,
    @Arg('toYear', () => Int, TO_YEAR_ARG) toYear: number | null,
    @Ctx() ctx: Context,
  ): Promise<TerritoryTie[]> {
    return listTies(new CooperationRepository(ctx.em), tieScope(territory, level, fromYear, toYear));
  }

  @Query(() => CooperationTieConnection, {
    description:
      'How organisations cooperate across territories, strongest tie first (strength = distinct partnerships + grants + events; equal strengths by the codes of a, then b): pairs of units at `level` where at least one end lies inside `territory`.',
  })
  cooperationTies(
    @Arg('territory', TERRITORY_ARG) territory: string,
    @Arg('level', () => TerritoryLevel, LEVEL_ARG) level: TerritoryLevel,
    @Arg('fromYear', () => Int, FROM_YEAR_ARG) fromYear: number | null,
    @Arg('toYear', () => Int, TO_YEAR_ARG) toYear: number | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<CooperationTie>> {
    const scope = tieScope(territory, level, fromYear, toYear);
    return tiesConnection(new CooperationRepository(ctx.em), scope, pageRequest(args));
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

@Resolver(() => CooperationTie)
export class CooperationTieResolver {
  @FieldResolver(() => Territory, { description: 'One end of the tie (the one with the smaller code).' })
  async a(@Root() tie: CooperationTie, @Ctx() ctx: Context): Promise<Territory> {
    return (await ctx.loaders.territory.load(tie.aCode))!;
  }

  @FieldResolver(() => Territory, { description: 'The other end of the tie.' })
  async b(@Root() tie: CooperationTie, @Ctx() ctx: Context): Promise<Territory> {
    return (await ctx.loaders.territory.load(tie.bCode))!;
  }

  @FieldResolver(() => TiePartnershipConnection, {
    description: 'The partnerships behind the tie (in the same year window), by id.',
  })
  partnerships(@Root() tie: CooperationTie, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    return ctx.loaders.tieSources.load(tieSourcesKey(tie, 'PARTNERSHIP', args));
  }

  @FieldResolver(() => TieGrantConnection, {
    description: 'The grants behind the tie (in the same year window), by id.',
  })
  grants(@Root() tie: CooperationTie, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    return ctx.loaders.tieSources.load(tieSourcesKey(tie, 'GRANT', args));
  }

  @FieldResolver(() => TieEventConnection, {
    description: 'The events behind the tie (in the same year window), by id.',
  })
  events(@Root() tie: CooperationTie, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    return ctx.loaders.tieSources.load(tieSourcesKey(tie, 'EVENT', args));
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
