import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../loaders.js';
import { EventFilter } from '../modules/event/event.input.js';
import { EventConnection, eventsOfParent, SORT_ARG } from '../modules/event/event.resolver.js';
import { EventSort } from '../modules/event/event.type.js';
import { Partnership } from './partnership.stub.js';

/** Fields this subgraph adds to the partnerships subgraph's `Partnership`. */
@Resolver(() => Partnership)
export class PartnershipEventsResolver {
  @FieldResolver(() => EventConnection, {
    nullable: true,
    description:
      'The events of this partnership, filtered, sorted (by default by start, events without a date last) and paged (null only when the events service is unavailable).',
  })
  events(
    @Root() partnership: Partnership,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet.' })
    filter: EventFilter | null,
    @Arg(...SORT_ARG) sort: EventSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext<Loaders>,
  ) {
    return eventsOfParent(ctx, 'partnership', partnership.id, filter, sort, page);
  }
}
