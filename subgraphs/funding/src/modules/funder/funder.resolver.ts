import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { AppError, assertHubId, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { Organisation, organisationRef } from '../../federation/organisation.stub.js';
import { FunderRepository } from './funder.repository.js';
import { toFunder, toProgramme } from './funder.service.js';
import { Funder, Programme } from './funder.type.js';

type Context = SubgraphContext<Loaders>;

@Resolver(() => Funder)
export class FunderResolver {
  @Query(() => [Funder], { description: 'All funders, ordered by name.' })
  async funders(@Ctx() ctx: Context): Promise<Funder[]> {
    return (await new FunderRepository(ctx.em).funders()).map(toFunder);
  }

  @Query(() => Funder, { nullable: true, description: 'One funder by its hub id; an unknown id is a NOT_FOUND error.' })
  async funder(
    @Arg('id', () => ID, { description: 'Hub id of the funder.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Funder> {
    const found = await ctx.loaders.funder.load(assertHubId(id, 'id'));
    if (!found) throw AppError.notFound('Funder', id);
    return found;
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description: 'The organisation behind the funder (e.g. the voivodeship self-government), when it is in the hub.',
  })
  organisation(@Root() funder: Funder): Organisation | null {
    return funder.organisationId ? organisationRef(funder.organisationId) : null;
  }
}

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => [Programme], { description: 'Funding programmes ordered by name, all or those of one funder.' })
  async programmes(
    @Arg('funder', () => ID, { nullable: true, description: 'Only programmes of this funder (hub id).' }) funder:
      | string
      | null,
    @Ctx() ctx: Context,
  ): Promise<Programme[]> {
    return (await new FunderRepository(ctx.em).programmes(assertHubId(funder, 'funder'))).map(toProgramme);
  }

  @Query(() => Programme, {
    nullable: true,
    description: 'One programme by its hub id; an unknown id is a NOT_FOUND error.',
  })
  async programme(
    @Arg('id', () => ID, { description: 'Hub id of the programme.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Programme> {
    const found = await ctx.loaders.programme.load(assertHubId(id, 'id'));
    if (!found) throw AppError.notFound('Programme', id);
    return found;
  }

  @FieldResolver(() => Funder, { description: 'The funder running the programme.' })
  async funder(@Root() programme: Programme, @Ctx() ctx: Context): Promise<Funder> {
    return (await ctx.loaders.funder.load(programme.funderId))!;
  }

  @FieldResolver(() => Programme, { nullable: true, description: 'The larger programme this one is part of, if any.' })
  parent(@Root() programme: Programme, @Ctx() ctx: Context): Promise<Programme | null> | null {
    return programme.parentId ? ctx.loaders.programme.load(programme.parentId) : null;
  }

  @FieldResolver(() => [Programme], { description: 'The sub-programmes directly under this one, ordered by name.' })
  children(@Root() programme: Programme, @Ctx() ctx: Context): Promise<Programme[]> {
    return ctx.loaders.programmeChildren.load(programme.id);
  }
}
