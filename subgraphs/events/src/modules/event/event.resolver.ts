import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AppError, assertHubId, connectionType, PageArgs, type Connection, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { Organisation } from '../../federation/organisation.stub.js';
import { CreateEventInput, EventFilter } from './event.input.js';
import { EventRepository, type EventParent } from './event.repository.js';
import { cancelEvent, createEvent, eventQuery, listEvents, toEvent } from './event.service.js';
import { Event, EventSort } from './event.type.js';

export const EventConnection = connectionType('Event', Event, 'event');

type Context = SubgraphContext<Loaders>;

/** The `sort` argument, the same on every event list. */
export const SORT_ARG = [
  'sort',
  () => EventSort,
  {
    nullable: true,
    description: 'Order of the list; by default RELEVANCE when filter.search is given, STARTS_AT otherwise.',
  },
] as const;

/**
 * The events of one parent (organisation, partnership or territory) through the request's loaders,
 * so every parent in the response shares one page statement and, if asked, one count statement.
 */
export async function eventsOfParent(
  ctx: Context,
  parent: EventParent,
  parentId: string,
  filter: EventFilter | null,
  sort: EventSort | null,
  args: PageArgs,
): Promise<Connection<Event>> {
  const loaders = {
    organisation: ctx.loaders.organisationEvents,
    partnership: ctx.loaders.partnershipEvents,
    territory: ctx.loaders.territoryEvents,
  }[parent];
  return new EventRepository(ctx.em).ofParent(loaders, parentId, eventQuery(filter, sort, args), toEvent);
}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: 'One event by its hub id; an unknown id is a NOT_FOUND error.' })
  async event(
    @Arg('id', () => ID, { description: 'Hub id of the event.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Event> {
    const found = await ctx.loaders.event.load(assertHubId(id, 'id'));
    if (!found) throw AppError.notFound('Event', id);
    return found;
  }

  @Query(() => EventConnection, {
    description:
      'Events, filtered, sorted (by default by start, events without a published date last; by relevance when searching) and paged (Relay cursor connection).',
  })
  events(
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet.' })
    filter: EventFilter | null,
    @Arg(...SORT_ARG) sort: EventSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listEvents(ctx.em, filter, sort, page);
  }

  @FieldResolver(() => [Organisation], {
    description: 'The organisations organising the event (schema.org organizer), the lead organiser first.',
  })
  async organisers(@Root() event: Event, @Ctx() ctx: Context): Promise<Organisation[]> {
    const ids = await ctx.loaders.organiserIds.load(event.id);
    return ids.map((id) => Object.assign(new Organisation(), { id }));
  }

  @Mutation(() => Event, {
    description:
      "Adds an event with its organisers (ADMIN, an ORGANISATION_EDITOR of one of its organisers, or the COORDINATOR of its partnership). Validates dates against the precision, the venue's TERC code and the ids; runs in one transaction.",
  })
  createEvent(
    @Arg('input', () => CreateEventInput, { description: 'The new event.' }) input: CreateEventInput,
    @Ctx() ctx: Context,
  ): Promise<Event> {
    return createEvent(ctx.em, ctx, input);
  }

  @Mutation(() => Event, {
    description:
      'Marks an event CANCELLED (ADMIN, an ORGANISATION_EDITOR of one of its organisers, or the COORDINATOR of its partnership); the event stays listed so links keep working.',
  })
  cancelEvent(
    @Arg('id', () => ID, { description: 'Hub id of the event.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Event> {
    return cancelEvent(ctx.em, ctx, id);
  }
}
