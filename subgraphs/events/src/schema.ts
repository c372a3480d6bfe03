import { buildFederatedSchema, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from './loaders.js';
import { EventResolver } from './modules/event/event.resolver.js';
import { OrganisationEventsResolver } from './modules/organisation/organisation.resolver.js';
import { PartnershipEventsResolver } from './modules/partnership/partnership.resolver.js';
import { TerritoryEventsResolver } from './modules/territory/territory.resolver.js';

type Context = SubgraphContext<Loaders>;

/** The events subgraph schema: owns `Event @key(id)`; adds `events` to the Organisation, Partnership and Territory stubs. */
export function buildEventsSchema() {
  return buildFederatedSchema({
    resolvers: [EventResolver, OrganisationEventsResolver, PartnershipEventsResolver, TerritoryEventsResolver],
    references: {
      Event: (ref: { id: string }, ctx: Context) => ctx.loaders.event.load(ref.id),
      // Stubs: the key is all this subgraph knows, so no data access is needed.
      Organisation: (ref: { id: string }) => ({ id: ref.id }),
      Partnership: (ref: { id: string }) => ({ id: ref.id }),
      Territory: (ref: { code: string }) => ({ code: ref.code }),
    },
  });
}
