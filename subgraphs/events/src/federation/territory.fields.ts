import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../loaders.js';
import { EventFilter } from '../modules/event/event.input.js';
import { EventConnection, eventsOfParent, SORT_ARG } from '../modules/event/event.resolver.js';
import { EventSort } from '../modules/event/event.type.js';
import { Territory } from './territory.stub.js';

/** Fields this subgraph adds to the organisations subgraph's `Territory`. */
@Resolver(() => Territory)
export class TerritoryEventsResolver {
  @FieldResolver(() => EventConnection, {
    nullable: true,
    description:
      'The events whose venue lies anywhere inside this unit, with the same filters, sorts and paging as Query.events (null only when the events service is unavailable).',
  })
  events(
    @Root() territory: Territory,
    @Arg('filter', () => EventFilter, {
      nullable: true,
      description: 'Conditions the events must meet, on top of lying inside this unit.',
    })
    filter: EventFilter | null,
    @Arg(...SORT_ARG) sort: EventSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext<Loaders>,
  ) {
    return eventsOfParent(ctx, 'territory', territory.code, filter, sort, page);
  }
}
