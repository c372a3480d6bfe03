import { knownIdsHandlers, type SubgraphDefinition } from '@ngo-hub/kit';
import { SUBGRAPH_DEFAULT_PORTS } from '@ngo-hub/kit/roster';
import { createLoaders, type Loaders } from './loaders.js';
import { migrations } from './migrations/index.js';
import { EventEntity } from './modules/event/event.entity.js';
import { recordMissingOrganisers } from './modules/event/event.outbox.js';
import { buildEventsSchema } from './schema.js';
import { seedDemoEvents } from './seeders/demo.seeder.js';
import { seedSyntheticEvents } from './seeders/synthetic.seeder.js';

export const eventsSubgraph: SubgraphDefinition<Loaders> = {
  name: 'events',
  defaultPort: SUBGRAPH_DEFAULT_PORTS.events,
  database: { schema: 'events', entities: [EventEntity], migrations },
  buildSchema: buildEventsSchema,
  createLoaders,
  // Publishes events missing from the outbox (bulk-loaded, or stored before the outbox existed).
  sync: (orm) => recordMissingOrganisers(orm.em.fork()),
  seed: async (orm, { synthetic }) => {
    await seedDemoEvents(orm.em.fork());
    if (synthetic) await seedSyntheticEvents(orm.em.fork());
  },
  // Events publishes its events' organisers; it keeps the ids of organisations and partnerships (from
  // their owners' topics, kit's topics.ts) to refuse events that name unknown ones.
  integration: { handlers: knownIdsHandlers('events', ['organisation', 'partnership']) },
};
