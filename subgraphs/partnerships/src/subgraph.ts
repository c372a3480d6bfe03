import { knownIdsHandlers, warsawToday, type SubgraphDefinition } from '@ngo-hub/kit';
import { SUBGRAPH_DEFAULT_PORTS } from '@ngo-hub/kit/roster';
import { createLoaders, type Loaders } from './loaders.js';
import { migrations } from './migrations/index.js';
import { DeclarationEntity } from './modules/declaration/declaration.entity.js';
import { MembershipEntity } from './modules/membership/membership.entity.js';
import { PartnershipEntity } from './modules/partnership/partnership.entity.js';
import { recordStaleMembers } from './modules/partnership/partnership.outbox.js';
import { buildPartnershipsSchema } from './schema.js';
import { seedDemoPartnerships } from './seeders/demo.seeder.js';
import { seedSyntheticPartnerships } from './seeders/synthetic.seeder.js';

export const partnershipsSubgraph: SubgraphDefinition<Loaders> = {
  name: 'partnerships',
  defaultPort: SUBGRAPH_DEFAULT_PORTS.partnerships,
  database: { schema: 'partnerships', entities: [PartnershipEntity, MembershipEntity, DeclarationEntity], migrations },
  buildSchema: buildPartnershipsSchema,
  createLoaders,
  // Publishes member sets missing from the outbox, and those a passed `leftOn` has made stale.
  sync: (orm) => recordStaleMembers(orm.em.fork(), warsawToday()),
  seed: async (orm, { synthetic }) => {
    await seedDemoPartnerships(orm.em.fork());
    if (synthetic) await seedSyntheticPartnerships(orm.em.fork());
  },
  // Publishes partnerships' members (one key per partnership, from its creation: other subgraphs learn
  // from it which partnerships exist); keeps the ids of organisations to refuse unknown members.
  integration: { handlers: knownIdsHandlers('partnerships', ['organisation']) },
};
