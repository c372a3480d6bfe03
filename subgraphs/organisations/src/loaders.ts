import type { Db } from '@ngo-hub/kit';
import { DataLoader, isUuid, manyByKey, oneByKey } from '@ngo-hub/kit';
import { organisationList, OrganisationRepository } from './modules/organisation/organisation.repository.js';
import { toOrganisation } from './modules/organisation/organisation.service.js';
import {
  OrganisationIdentifier,
  IdentifierScheme,
  type Organisation,
} from './modules/organisation/organisation.type.js';
import { createCooperationLoaders } from './modules/cooperation/cooperation.loaders.js';
import { createTieSourceLoaders } from './modules/cooperation/cooperation-tie.loaders.js';
import { territoriesByCodes, territoryChildren } from './modules/territory/territory.service.js';
import type { Territory } from './modules/territory/territory.type.js';

/** The request's loaders: one batched statement per relation, whatever the page size. */
export function createLoaders(em: Db) {
  const organisations = new OrganisationRepository(em);

  return {
    ...createCooperationLoaders(em),
    ...createTieSourceLoaders(em),
    organisation: new DataLoader<string, Organisation | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await organisations.findByIds(valid) : [];
      return oneByKey(ids, rows.map(toOrganisation), (o) => o.id);
    }),
    identifiers: new DataLoader<string, OrganisationIdentifier[]>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await organisations.identifiersOf(valid) : [];
      const items = rows.map((r) => ({
        organisationId: r.organisationId,
        identifier: Object.assign(new OrganisationIdentifier(), {
          scheme: r.scheme as IdentifierScheme,
          value: r.value,
        }),
      }));
      return manyByKey(ids, items, (i) => i.organisationId).map((list) => list.map((i) => i.identifier));
    }),
    // From the in-memory register, no SQL (territory.service.ts); still loaders, so resolvers keep one shape.
    territory: new DataLoader<string, Territory | null>(async (codes) => territoriesByCodes(codes)),
    territoryChildren: new DataLoader<string, readonly Territory[]>(async (codes) => codes.map(territoryChildren)),
    /** `Territory.organisations`: every territory asked with the same arguments in one page statement (and one count). */
    territoryOrganisations: organisationList.parentLoaders(em, 'territory'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
