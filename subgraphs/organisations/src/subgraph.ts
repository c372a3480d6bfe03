import type { SubgraphDefinition } from '@ngo-hub/kit';
import { SUBGRAPH_DEFAULT_PORTS } from '@ngo-hub/kit/roster';
import { createLoaders, type Loaders } from './loaders.js';
import { migrations } from './migrations/index.js';
import { OrganisationEntity, OrganisationIdentifierEntity } from './modules/organisation/organisation.entity.js';
import { TerritoryEntity } from './modules/territory/territory.entity.js';
import { syncTerritories } from './modules/territory/territory.service.js';
import { cooperationInbox } from './modules/cooperation/cooperation.inbox.js';
import { recordMissingSeats } from './modules/organisation/organisation.outbox.js';
import { buildOrganisationsSchema } from './schema.js';
import { seedDemoOrganisations } from './seeders/demo.seeder.js';
import { seedSyntheticOrganisations } from './seeders/synthetic.seeder.js';

export const organisationsSubgraph: SubgraphDefinition<Loaders> = {
  name: 'organisations',
  defaultPort: SUBGRAPH_DEFAULT_PORTS.organisations,
  database: {
    schema: 'organisations',
    entities: [OrganisationEntity, OrganisationIdentifierEntity, TerritoryEntity],
    migrations,
  },
  buildSchema: buildOrganisationsSchema,
  createLoaders,
  sync: async (orm) => {
    await syncTerritories(orm.em.fork());
    await recordMissingSeats(orm.em.fork());
  },
  seed: async (orm, { synthetic }) => {
    await seedDemoOrganisations(orm.em.fork());
    if (synthetic) await seedSyntheticOrganisations(orm.em.fork());
    await recordMissingSeats(orm.em.fork());
  },
  integration: { handlers: cooperationInbox },
};
