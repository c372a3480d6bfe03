import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { EventFilter } from '../event/event.input.js';
import { EventConnection, eventsOfParent, SORT_ARG } from '../event/event.resolver.js';
import { EventSort } from '../event/event.type.js';
import { Territory } from './territory.type.js';

@Resolver(() => Territory)
export class TerritoryEventsResolver {
  @FieldResolver(() => EventConnection, {
    nullable: true,
    description: 'The events whose venue lies anywhere inside this unit, with the same filters, sorts and paging as Query.events (null only when the events service is unavailable).',
  })
  events(
    @Root() territory: Territory,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet, on top of lying inside this unit.' }) filter: EventFilter | null,
    @Arg(...SORT_ARG) sort: EventSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext<Loaders>,
  ) {
    return eventsOfParent(ctx, 'territory', territory.code, filter, sort, page);
  }
}
