import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AppError, assertHubId, connectionType, PageArgs, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { Territory, territoryRef } from '../../federation/territory.stub.js';
import { Funder, Programme } from '../funder/funder.type.js';
import { authorizeFunderRole } from '../common/access.js';
import { CallFilter, CreateCallInput, UpdateCallInput } from './call.input.js';
import { createCall, isCallOpen, listCalls, updateCall } from './call.service.js';
import { Call, CallSort } from './call.type.js';

export const CallConnection = connectionType('Call', Call, 'call for proposals');

type Context = SubgraphContext<Loaders>;

export const SORT_DESCRIPTION =
  'Order of the list; by default RELEVANCE when filter.search is given, CLOSING_SOONEST otherwise. A cursor only continues the sort it came from.';

@Resolver(() => Call)
export class CallResolver {
  @Query(() => CallConnection, {
    description:
      'Calls for proposals, filtered, sorted (soonest deadline first, calls without a deadline last, unless `sort` or a search says otherwise) and paged.',
  })
  calls(
    @Arg('filter', () => CallFilter, { nullable: true, description: 'Filters; all given must hold.' })
    filter: CallFilter | null,
    @Arg('sort', () => CallSort, { nullable: true, description: SORT_DESCRIPTION }) sort: CallSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listCalls(ctx.em, filter, sort, page);
  }

  @Query(() => Call, { nullable: true, description: 'One call by its hub id; an unknown id is a NOT_FOUND error.' })
  async call(
    @Arg('id', () => ID, { description: 'Hub id of the call.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Call> {
    const found = await ctx.loaders.call.load(assertHubId(id, 'id'));
    if (!found) throw AppError.notFound('Call', id);
    return found;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether applications are accepted today (Warsaw date between opensOn and closesOn, both included).',
  })
  isOpen(@Root() call: Call, @Ctx() ctx: Context): boolean {
    return isCallOpen(call, ctx.loaders.today());
  }

  @FieldResolver(() => Funder, { description: 'The funder announcing the call.' })
  async funder(@Root() call: Call, @Ctx() ctx: Context): Promise<Funder> {
    return (await ctx.loaders.funder.load(call.funderId))!;
  }

  @FieldResolver(() => Programme, { nullable: true, description: 'The programme the call belongs to, if any.' })
  programme(@Root() call: Call, @Ctx() ctx: Context): Promise<Programme | null> | null {
    return call.programmeId ? ctx.loaders.programme.load(call.programmeId) : null;
  }

  @FieldResolver(() => [Territory], { description: 'Territories whose organisations may apply, by TERC code.' })
  async eligibleTerritories(@Root() call: Call, @Ctx() ctx: Context): Promise<Territory[]> {
    return (await ctx.loaders.callTerritories.load(call.id)).map(territoryRef);
  }

  @FieldResolver(() => Territory, {
    nullable: true,
    description:
      "The area the competition is for, e.g. the announcing city's gmina (TERC unit); null when not given. Who may apply is in eligibleTerritories.",
  })
  territory(@Root() call: Call): Territory | null {
    return call.territoryCode ? territoryRef(call.territoryCode) : null;
  }

  @Mutation(() => Call, {
    description:
      "Announces a call for proposals: ADMIN, or a FUNDER_OFFICER of the call's funder with the call's territory within the officer's territories. Validates dates, money and TERC codes; runs in one transaction.",
  })
  createCall(
    @Arg('input', () => CreateCallInput, { description: 'The call.' }) input: CreateCallInput,
    @Ctx() ctx: Context,
  ): Promise<Call> {
    authorizeFunderRole(ctx, 'createCall');
    return createCall(ctx.em, ctx, input);
  }

  @Mutation(() => Call, {
    description:
      "Changes the given fields of a call: ADMIN, or a FUNDER_OFFICER of the call's funder with both its stored and its new territory within the officer's territories. Validated like createCall; runs in one transaction.",
  })
  updateCall(
    @Arg('id', () => ID, { description: 'Hub id of the call.' }) id: string,
    @Arg('input', () => UpdateCallInput, { description: 'The changes.' }) input: UpdateCallInput,
    @Ctx() ctx: Context,
  ): Promise<Call> {
    authorizeFunderRole(ctx, 'updateCall');
    return updateCall(ctx.em, ctx, id, input);
  }
}
