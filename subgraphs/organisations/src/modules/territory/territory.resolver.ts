import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertTercCode, AppError, PageArgs, type Connection, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { OrganisationFilter } from '../organisation/organisation.input.js';
import { OrganisationRepository } from '../organisation/organisation.repository.js';
import { organisationListQuery, toOrganisation } from '../organisation/organisation.service.js';
import { Organisation, OrganisationConnection, OrganisationSort } from '../organisation/organisation.type.js';
import { listTerritories } from './territory.service.js';
import { Territory, TerritoryLevel } from './territory.type.js';

type Context = SubgraphContext<Loaders>;

@Resolver(() => Territory)
export class TerritoryResolver {
  @Query(() => Territory, {
    nullable: true,
    description:
      'One unit of the territorial register by TERC code; a malformed code is BAD_USER_INPUT, an unknown one NOT_FOUND.',
  })
  async territory(
    @Arg('code', { description: 'TERC code: 2, 4 or 7 digits.' }) code: string,
    @Ctx() ctx: Context,
  ): Promise<Territory> {
    const found = await ctx.loaders.territory.load(assertTercCode(code, 'code'));
    if (!found) throw AppError.notFound('Territory', code, 'code');
    return found;
  }

  @Query(() => [Territory], {
    description:
      'Units of the register: without arguments the 16 voivodeships; with `parent` its children; with `level` the units at that level (under `parent` if given).',
  })
  territories(
    @Arg('parent', () => String, { nullable: true, description: 'TERC code of the unit whose sub-units to list.' })
    parent: string | null,
    @Arg('level', () => TerritoryLevel, { nullable: true, description: 'Level of the units to list.' })
    level: TerritoryLevel | null,
  ): Territory[] {
    return listTerritories(parent, level);
  }

  @FieldResolver(() => Territory, {
    nullable: true,
    description: 'The unit this one belongs to (null for a voivodeship).',
  })
  parent(@Root() territory: Territory, @Ctx() ctx: Context): Promise<Territory | null> | null {
    return territory.parentCode ? ctx.loaders.territory.load(territory.parentCode) : null;
  }

  @FieldResolver(() => [Territory], { description: 'The units directly under this one, by code.' })
  children(@Root() territory: Territory, @Ctx() ctx: Context): Promise<readonly Territory[]> {
    return ctx.loaders.territoryChildren.load(territory.code);
  }

  @FieldResolver(() => OrganisationConnection, {
    description:
      'Organisations seated in this unit or anywhere under it: the `organisations` directory with the same arguments, limited to this territory.',
  })
  organisations(
    @Root() territory: Territory,
    @Arg('filter', () => OrganisationFilter, {
      nullable: true,
      description: 'Conditions the organisations must meet (a `territory` here narrows further).',
    })
    filter: OrganisationFilter | null,
    @Arg('sort', () => OrganisationSort, {
      nullable: true,
      description: 'Order of the list; RELEVANCE when `filter.search` is given, else NAME.',
    })
    sort: OrganisationSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<Organisation>> {
    return new OrganisationRepository(ctx.em).ofTerritory(
      ctx.loaders.territoryOrganisations,
      territory.code,
      organisationListQuery(filter, sort, page),
      toOrganisation,
    );
  }
}
