import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../loaders.js';
import { EventFilter } from '../modules/event/event.input.js';
import { EventConnection, eventsOfParent, SORT_ARG } from '../modules/event/event.resolver.js';
import { EventSort } from '../modules/event/event.type.js';
import { Organisation } from './organisation.stub.js';

/** Fields this subgraph adds to the organisations subgraph's `Organisation`. */
@Resolver(() => Organisation)
export class OrganisationEventsResolver {
  @FieldResolver(() => EventConnection, {
    nullable: true,
    description:
      'The events this organisation (co-)organises, filtered, sorted (by default by start, events without a date last) and paged (null only when the events service is unavailable).',
  })
  events(
    @Root() organisation: Organisation,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet.' })
    filter: EventFilter | null,
    @Arg(...SORT_ARG) sort: EventSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext<Loaders>,
  ) {
    return eventsOfParent(ctx, 'organisation', organisation.id, filter, sort, page);
  }
}
