import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { EventFilter } from '../event/event.input.js';
import { EventConnection, eventsOfParent } from '../event/event.resolver.js';
import { Organisation } from './organisation.type.js';

@Resolver(() => Organisation)
export class OrganisationEventsResolver {
  @FieldResolver(() => EventConnection, { nullable: true, description: 'The events this organisation (co-)organises, ordered by start, events without a date last (null only when the events service is unavailable).' })
  events(
    @Root() organisation: Organisation,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter: EventFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext<Loaders>,
  ) {
    return eventsOfParent(ctx, 'organisation', organisation.id, filter, page);
  }
}
