import type { Db } from '@ngo-hub/kit';
import { DataLoader, groupBySignature, isUuid, manyByKey, objectKeyLoader, oneByKey, tercRegister, territoryPrefixes, warsawToday } from '@ngo-hub/kit';
import { MembershipRepository } from './modules/membership/membership.repository.js';
import { toMembership } from './modules/membership/membership.service.js';
import type { Membership } from './modules/membership/membership.type.js';
import {
  PartnershipRepository, type PartnershipCriteria, type PartnershipListing, type PartnershipListRow,
} from './modules/partnership/partnership.repository.js';
import { toPartnership } from './modules/partnership/partnership.service.js';
import type { Partnership } from './modules/partnership/partnership.type.js';

/**
 * Each distinct code of the group that the register knows, with its prefixes. Codes come from
 * federation representations, so one the register lacks is no error: it simply has no partnerships.
 */
function prefixesOf(keys: readonly { code: string }[]): Map<string, string[]> {
  const known = [...new Set(keys.map((k) => k.code))].filter((code) => tercRegister().has(code));
  return new Map(known.map((code) => [code, territoryPrefixes(code)]));
}

/** The request's loaders: one batched statement per relation, whatever the number of parents. */
export function createLoaders(em: Db) {
  const partnerships = new PartnershipRepository(em);
  const memberships = new MembershipRepository(em);
  // One "today" per request, so `isActive` and `leadPartner` agree within a response.
  const today = warsawToday();

  const partnership = new DataLoader<string, Partnership | null>(async (ids) => {
    const rows = await partnerships.findByIds(ids.filter(isUuid));
    return oneByKey(ids, rows.map(toPartnership), (p) => p.id);
  });

  return {
    partnership,
    territoryPartnerships: objectKeyLoader<{ code: string; listing: PartnershipListing }, PartnershipListRow[]>(async (keys) => {
      const found = new Map<string, PartnershipListRow[]>();
      for (const group of groupBySignature(keys, ({ code: _code, ...args }) => args).values()) {
        const pages = await partnerships.pagesByTerritory(prefixesOf(group), group[0]!.listing);
        for (const key of group) found.set(JSON.stringify(key), pages.get(key.code) ?? []);
      }
      return keys.map((k) => found.get(JSON.stringify(k))!);
    }),
    territoryPartnershipCount: objectKeyLoader<{ code: string; criteria: PartnershipCriteria }, number>(async (keys) => {
      const found = new Map<string, number>();
      for (const group of groupBySignature(keys, ({ code: _code, ...args }) => args).values()) {
        const counts = await partnerships.countsByTerritory(prefixesOf(group), group[0]!.criteria);
        for (const key of group) found.set(JSON.stringify(key), counts.get(key.code) ?? 0);
      }
      return keys.map((k) => found.get(JSON.stringify(k))!);
    }),
    membershipsOfPartnership: new DataLoader<string, Membership[]>(async (ids) => {
      const rows = await memberships.ofPartnerships(ids.filter(isUuid));
      return manyByKey(ids, rows.map((r) => toMembership(r, today)), (m) => m.partnershipId);
    }),
    // Keys come from `_entities` representations too, so anything that is not a UUID simply has none.
    membershipsOfOrganisation: new DataLoader<string, Membership[]>(async (ids) => {
      const rows = await memberships.ofOrganisations(ids.filter(isUuid));
      // Primed before any `membership.partnership` below can ask, so the statement count never depends on timing.
      for (const row of rows) partnership.prime(row.partnership.id, toPartnership(row.partnership));
      return manyByKey(ids, rows.map((r) => toMembership(r.membership, today)), (m) => m.organisationId);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
