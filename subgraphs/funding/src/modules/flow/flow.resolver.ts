import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { TerritoryLevel } from '../common/territory-level.js';
import { Funder, Programme } from '../funder/funder.type.js';
import { listFundingFlows } from './flow.service.js';
import { FundingFlow, FundingGroup } from './flow.type.js';

type Context = SubgraphContext<Loaders>;

@Resolver(() => FundingFlow)
export class FundingFlowResolver {
  @Query(() => [FundingFlow], {
    description:
      'Where the money goes: the grants whose recipient is seated inside `territory` (recipients without a known seat are left out), ' +
      'summed exactly per combination of the `groupBy` keys and per currency (PLN is never added to EUR). ' +
      'Ordered by the grouped keys (funder id, programme id, year, territory code, each with nulls last), then currency (null last).',
  })
  fundingFlows(
    @Arg('territory', {
      description:
        'TERC code of the area whose recipients are covered (2, 4 or 7 digits), or "PL" for the whole country.',
    })
    territory: string,
    @Arg('level', () => TerritoryLevel, {
      description:
        'Level of the `territory` key of the flows: WOJEWODZTWO, POWIAT or GMINA, not above the territory itself.',
    })
    level: TerritoryLevel,
    @Arg('groupBy', () => [FundingGroup], {
      description: 'Keys to group by, in any order (repeats are ignored); empty for one flow per currency.',
    })
    groupBy: FundingGroup[],
    @Arg('fromYear', () => Int, {
      nullable: true,
      description:
        "Only grants of this year or later (1990..2100). A grant's year is that of its startsOn, else of its agreementSignedOn; with a window, grants with neither are left out.",
    })
    fromYear: number | null,
    @Arg('toYear', () => Int, {
      nullable: true,
      description: 'Only grants of this year or earlier (1990..2100, not before fromYear).',
    })
    toYear: number | null,
    @Ctx() ctx: Context,
  ): Promise<FundingFlow[]> {
    return listFundingFlows(ctx.em, territory, level, groupBy, fromYear ?? null, toYear ?? null);
  }

  @FieldResolver()
  funder(@Root() flow: FundingFlow, @Ctx() ctx: Context): Promise<Funder | null> | null {
    return flow.funderId ? ctx.loaders.funder.load(flow.funderId) : null;
  }

  @FieldResolver()
  programme(@Root() flow: FundingFlow, @Ctx() ctx: Context): Promise<Programme | null> | null {
    return flow.programmeId ? ctx.loaders.programme.load(flow.programmeId) : null;
  }
}
