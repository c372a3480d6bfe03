import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AppError, assertHubId, connectionType, PageArgs, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { Organisation, organisationRef } from '../../federation/organisation.stub.js';
import { Partnership, partnershipRef } from '../../federation/partnership.stub.js';
import { Territory, territoryRef } from '../../federation/territory.stub.js';
import { Call } from '../call/call.type.js';
import { Funder, Programme } from '../funder/funder.type.js';
import { authorizeFunderRole } from '../common/access.js';
import { CreateGrantInput, GrantFilter, UpdateGrantInput } from './grant.input.js';
import { createGrant, listGrants, updateGrant } from './grant.service.js';
import { FundingSource, Grant, GrantSort } from './grant.type.js';

export const GrantConnection = connectionType('Grant', Grant, 'grant');

type Context = SubgraphContext<Loaders>;

export const SORT_DESCRIPTION =
  'Order of the list; by default RELEVANCE when filter.search is given, NEWEST otherwise. A cursor only continues the sort it came from.';

@Resolver(() => Grant)
export class GrantResolver {
  @Query(() => Grant, { nullable: true, description: 'One grant by its hub id; an unknown id is a NOT_FOUND error.' })
  async grant(
    @Arg('id', () => ID, { description: 'Hub id of the grant.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Grant> {
    const found = await ctx.loaders.grant.load(assertHubId(id, 'id'));
    if (!found) throw AppError.notFound('Grant', id);
    return found;
  }

  @Query(() => GrantConnection, {
    description:
      'Grants, filtered, sorted (newest start first unless `sort` or a search says otherwise) and paged (Relay cursor connection).',
  })
  grants(
    @Arg('filter', () => GrantFilter, { nullable: true, description: 'Filters; all given must hold.' })
    filter: GrantFilter | null,
    @Arg('sort', () => GrantSort, { nullable: true, description: SORT_DESCRIPTION }) sort: GrantSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listGrants(ctx.em, filter, sort, page);
  }

  @FieldResolver(() => Organisation, {
    description: 'The organisation that received the grant (360Giving recipientOrganization).',
  })
  recipient(@Root() grant: Grant): Organisation {
    return organisationRef(grant.recipientId);
  }

  @FieldResolver(() => [Organisation], { description: 'Partner organisations of the project, in the order given.' })
  async partners(@Root() grant: Grant, @Ctx() ctx: Context): Promise<Organisation[]> {
    return (await ctx.loaders.grantPartners.load(grant.id)).map(organisationRef);
  }

  @FieldResolver(() => Partnership, {
    nullable: true,
    description: 'The local partnership the grant was awarded for, if any.',
  })
  partnership(@Root() grant: Grant): Partnership | null {
    return grant.partnershipId ? partnershipRef(grant.partnershipId) : null;
  }

  @FieldResolver(() => Funder, {
    description: 'The awarding funder (360Giving fundingOrganization); agreement numbers are unique per funder.',
  })
  async funder(@Root() grant: Grant, @Ctx() ctx: Context): Promise<Funder> {
    return (await ctx.loaders.funder.load(grant.funderId))!;
  }

  @FieldResolver(() => Programme, {
    nullable: true,
    description: 'The programme or fund the grant comes from (360Giving grantProgramme).',
  })
  programme(@Root() grant: Grant, @Ctx() ctx: Context): Promise<Programme | null> | null {
    return grant.programmeId ? ctx.loaders.programme.load(grant.programmeId) : null;
  }

  @FieldResolver(() => Call, {
    nullable: true,
    description: 'The call for proposals the grant was awarded in, if known.',
  })
  call(@Root() grant: Grant, @Ctx() ctx: Context): Promise<Call | null> | null {
    return grant.callId ? ctx.loaders.call.load(grant.callId) : null;
  }

  @FieldResolver(() => [FundingSource], {
    description: 'Funders co-financing the grant, with their shares when known.',
  })
  fundingSources(@Root() grant: Grant, @Ctx() ctx: Context): Promise<FundingSource[]> {
    return ctx.loaders.grantSources.load(grant.id);
  }

  @FieldResolver(() => [Territory], {
    description: 'Territories the grant benefits, by TERC code (360Giving beneficiaryLocation).',
  })
  async beneficiaryTerritories(@Root() grant: Grant, @Ctx() ctx: Context): Promise<Territory[]> {
    return (await ctx.loaders.grantTerritories.load(grant.id)).map(territoryRef);
  }

  @Mutation(() => Grant, {
    description:
      "Records a grant: ADMIN, or a FUNDER_OFFICER of the awarding funder with the recipient's seat within the officer's territories. Validates references, exact amounts in one currency, dates and TERC codes; runs in one transaction.",
  })
  createGrant(
    @Arg('input', () => CreateGrantInput, { description: 'The grant.' }) input: CreateGrantInput,
    @Ctx() ctx: Context,
  ): Promise<Grant> {
    authorizeFunderRole(ctx, 'createGrant');
    return createGrant(ctx.em, ctx, input);
  }

  @Mutation(() => Grant, {
    description:
      "Changes the given fields of a grant: ADMIN, or a FUNDER_OFFICER of the grant's funder with the recipient's seat within the officer's territories, both as stored and as changed. Validated like createGrant; runs in one transaction.",
  })
  updateGrant(
    @Arg('id', () => ID, { description: 'Hub id of the grant.' }) id: string,
    @Arg('input', () => UpdateGrantInput, { description: 'The changes.' }) input: UpdateGrantInput,
    @Ctx() ctx: Context,
  ): Promise<Grant> {
    authorizeFunderRole(ctx, 'updateGrant');
    return updateGrant(ctx.em, ctx, id, input);
  }
}

@Resolver(() => FundingSource)
export class FundingSourceResolver {
  @FieldResolver(() => Funder, { description: 'The co-financing funder.' })
  async funder(@Root() source: FundingSource, @Ctx() ctx: Context): Promise<Funder> {
    return (await ctx.loaders.funder.load(source.funderId))!;
  }
}
