import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AppError, assertAdmin, connectionType, PageArgs, toConnection, type Connection, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { Organisation } from '../organisation/organisation.type.js';
import { CreateEventInput, EventFilter } from './event.input.js';
import { cancelEvent, createEvent, eventCriteria, eventCursor, eventPage, listEvents, toEvent } from './event.service.js';
import { Event } from './event.type.js';

export const EventConnection = connectionType('Event', Event, 'event');

type Context = SubgraphContext<Loaders>;

/**
 * The events of one parent (organisation or partnership) through the request's loaders, so every
 * parent in the response shares one page statement and, if asked, one count statement.
 */
export async function eventsOfParent(
  ctx: Context, parent: 'organisation' | 'partnership', parentId: string, filter: EventFilter | null, args: PageArgs,
): Promise<Connection<Event>> {
  const page = eventPage(args);
  const criteria = eventCriteria(filter);
  const [pages, counts] = parent === 'organisation'
    ? [ctx.loaders.organisationEvents, ctx.loaders.organisationEventCount]
    : [ctx.loaders.partnershipEvents, ctx.loaders.partnershipEventCount];
  const rows = await pages.load({ parentId, criteria, page });
  return toConnection(rows, page, eventCursor, toEvent, () => counts.load({ parentId, criteria }));
}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: 'One event by its hub id; an unknown id is a NOT_FOUND error.' })
  async event(@Arg('id', () => ID, { description: 'Hub id of the event.' }) id: string, @Ctx() ctx: Context): Promise<Event> {
    const found = await ctx.loaders.event.load(id);
    if (!found) throw AppError.notFound('Event', id);
    return found;
  }

  @Query(() => EventConnection, { description: 'Events ordered by start (events without a published date last), filtered and paged (Relay cursor connection).' })
  events(
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter: EventFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listEvents(ctx.em, filter, page);
  }

  @FieldResolver(() => [Organisation], { description: 'The organisations organising the event (schema.org organizer), the lead organiser first.' })
  async organisers(@Root() event: Event, @Ctx() ctx: Context): Promise<Organisation[]> {
    const ids = await ctx.loaders.organiserIds.load(event.id);
    return ids.map((id) => Object.assign(new Organisation(), { id }));
  }

  @Mutation(() => Event, { description: 'Adds an event with its organisers (admin only). Validates dates against the precision, the venue\'s TERC code and the ids; runs in one transaction.' })
  createEvent(@Arg('input', () => CreateEventInput, { description: 'The new event.' }) input: CreateEventInput, @Ctx() ctx: Context): Promise<Event> {
    assertAdmin(ctx);
    return createEvent(ctx.em, input);
  }

  @Mutation(() => Event, { description: 'Marks an event CANCELLED (admin only); the event stays listed so links keep working.' })
  cancelEvent(@Arg('id', () => ID, { description: 'Hub id of the event.' }) id: string, @Ctx() ctx: Context): Promise<Event> {
    assertAdmin(ctx);
    return cancelEvent(ctx.em, id);
  }
}
