import { combineHandlers, knownIdsHandlers, type SubgraphDefinition } from '@ngo-hub/kit';
import { SUBGRAPH_DEFAULT_PORTS } from '@ngo-hub/kit/roster';
import { createLoaders, type Loaders } from './loaders.js';
import { migrations } from './migrations/index.js';
import { CallEntity } from './modules/call/call.entity.js';
import { FunderEntity, ProgrammeEntity } from './modules/funder/funder.entity.js';
import { recordMissingFunders } from './modules/funder/funder.outbox.js';
import { GrantEntity } from './modules/grant/grant.entity.js';
import { recordMissingParticipants } from './modules/grant/grant.outbox.js';
import { seatInbox } from './modules/seat/seat.inbox.js';
import { buildFundingSchema } from './schema.js';
import { seedDemoFunding } from './seeders/demo.seeder.js';
import { seedSyntheticFunding } from './seeders/synthetic.seeder.js';

export const fundingSubgraph: SubgraphDefinition<Loaders> = {
  name: 'funding',
  defaultPort: SUBGRAPH_DEFAULT_PORTS.funding,
  database: {
    schema: 'funding',
    // Only the rows repositories map into; partners, sources, territories and seats are plain rows of their tables.
    entities: [FunderEntity, ProgrammeEntity, CallEntity, GrantEntity],
    migrations,
  },
  buildSchema: buildFundingSchema,
  createLoaders,
  // Publishes grants and funders missing from the outbox (bulk-loaded, or stored before the outbox existed).
  sync: async (orm) => {
    await recordMissingParticipants(orm.em.fork());
    await recordMissingFunders(orm.em.fork());
  },
  seed: async (orm, { synthetic }) => {
    await seedDemoFunding(orm.em.fork());
    if (synthetic) await seedSyntheticFunding(orm.em.fork());
    await recordMissingFunders(orm.em.fork());
  },
  // Publishes grants' participants and funders; receives organisations' seats for `fundingFlows`, and keeps the
  // ids of organisations and partnerships to refuse grants that name unknown ones (kit's topics.ts).
  integration: { handlers: combineHandlers(seatInbox, knownIdsHandlers('funding', ['organisation', 'partnership'])) },
};
