import { buildFederatedSchema } from '@ngo-hub/kit';
import { OrganisationEventsResolver } from './federation/organisation.fields.js';
import { PartnershipEventsResolver } from './federation/partnership.fields.js';
import { references } from './federation/references.js';
import { TerritoryEventsResolver } from './federation/territory.fields.js';
import { EventResolver } from './modules/event/event.resolver.js';

/** The events subgraph schema: owns `Event @key(id)`; adds `events` to the Organisation, Partnership and Territory stubs. */
export function buildEventsSchema() {
  return buildFederatedSchema({
    resolvers: [EventResolver, OrganisationEventsResolver, PartnershipEventsResolver, TerritoryEventsResolver],
    references,
  });
}
