import type { Db } from '@ngo-hub/kit';
import { DataLoader, isUuid, manyByKey, oneByKey, todayOnce } from '@ngo-hub/kit';
import { declarationList, DeclarationRepository } from './modules/declaration/declaration.repository.js';
import { toDeclaration } from './modules/declaration/declaration.service.js';
import type { Declaration } from './modules/declaration/declaration.type.js';
import { MembershipRepository } from './modules/membership/membership.repository.js';
import { toMembership } from './modules/membership/membership.service.js';
import type { Membership } from './modules/membership/membership.type.js';
import { partnershipList, PartnershipRepository } from './modules/partnership/partnership.repository.js';
import { toPartnership } from './modules/partnership/partnership.service.js';
import type { Partnership } from './modules/partnership/partnership.type.js';

/** The request's loaders: one batched statement per relation, whatever the number of parents. */
export function createLoaders(em: Db) {
  const partnerships = new PartnershipRepository(em);
  const memberships = new MembershipRepository(em);
  // One "today" per request, so `isActive` and `leadPartner` agree within a response.
  const today = todayOnce();

  const partnership = new DataLoader<string, Partnership | null>(async (ids) => {
    const rows = await partnerships.findByIds(ids.filter(isUuid));
    return oneByKey(ids, rows.map(toPartnership), (p) => p.id);
  });

  const declarations = new DeclarationRepository(em);

  return {
    partnership,
    declaration: new DataLoader<string, Declaration | null>(async (ids) => {
      const rows = await declarations.findByIds(ids.filter(isUuid));
      return oneByKey(ids, rows.map(toDeclaration), (d) => d.id);
    }),
    membership: new DataLoader<string, Membership | null>(async (ids) => {
      const rows = await memberships.findByIds(ids.filter(isUuid));
      const day = today();
      return oneByKey(
        ids,
        rows.map((r) => toMembership(r, day)),
        (m) => m.id,
      );
    }),
    /** `Partnership.declarations` and `Organisation.declarations`: every parent asked alike in one page statement (and one count). */
    partnershipDeclarations: declarationList.parentLoaders(em, 'partnership'),
    organisationDeclarations: declarationList.parentLoaders(em, 'organisation'),
    /** `Territory.partnerships`: every territory asked with the same arguments in one page statement (and one count). */
    territoryPartnerships: partnershipList.parentLoaders(em, 'territory'),
    membershipsOfPartnership: new DataLoader<string, Membership[]>(async (ids) => {
      const rows = await memberships.ofPartnerships(ids.filter(isUuid));
      const day = today();
      return manyByKey(
        ids,
        rows.map((r) => toMembership(r, day)),
        (m) => m.partnershipId,
      );
    }),
    // Keys come from `_entities` representations too, so anything that is not a UUID simply has none.
    membershipsOfOrganisation: new DataLoader<string, Membership[]>(async (ids) => {
      const rows = await memberships.ofOrganisations(ids.filter(isUuid));
      // Primed before any `membership.partnership` below can ask, so the statement count never depends on timing.
      for (const row of rows) partnership.prime(row.partnership.id, toPartnership(row.partnership));
      const day = today();
      return manyByKey(
        ids,
        rows.map((r) => toMembership(r.membership, day)),
        (m) => m.organisationId,
      );
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
