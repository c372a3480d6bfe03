import type { Db } from '@ngo-hub/kit';
import {
  DataLoader,
  groupBySignature,
  isUuid,
  manyByKey,
  objectKeyLoader,
  pageRequest,
  type Connection,
  type PageArgs,
} from '@ngo-hub/kit';
import { CooperationRepository } from './cooperation.repository.js';
import { cooperationConnection, cooperationCursor, toCooperation } from './cooperation.service.js';
import type { OrganisationCooperation } from './cooperation.type.js';

export interface CooperationKey {
  organisationId: string;
  first: number;
  after: string | null;
}

export interface MembershipKey {
  partnershipId: string;
  organisationId: string;
}

/**
 * `Organisation.cooperatesWith` for every organisation of a request: keys sharing the same page
 * arguments are fetched in one statement, and their totals in one more when asked for.
 */
export function createCooperationLoaders(em: Db) {
  const repo = new CooperationRepository(em);
  const counts = new DataLoader<string, number>(async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await repo.counts(valid) : [];
    const byId = new Map(rows.map((r) => [r.organisation_id, r.n]));
    return ids.map((id) => byId.get(id) ?? 0);
  });
  const pages = objectKeyLoader<CooperationKey, Connection<OrganisationCooperation>>(async (keys) => {
    const groups = groupBySignature(keys, (k) => [k.first, k.after]);
    const results = new Map<CooperationKey, Connection<OrganisationCooperation>>();
    for (const group of groups.values()) {
      const page = pageRequest({ first: group[0]!.first, after: group[0]!.after });
      const ids = group.map((k) => k.organisationId).filter(isUuid);
      const rows = ids.length ? await repo.pages(ids, page.first, cooperationCursor(page)) : [];
      const byOrganisation = manyByKey(
        group.map((k) => k.organisationId),
        rows,
        (r) => r.organisation_id,
      );
      group.forEach((key, i) => {
        results.set(
          key,
          cooperationConnection(byOrganisation[i]!.map(toCooperation), page, () => counts.load(key.organisationId)),
        );
      });
    }
    return keys.map((k) => results.get(k)!);
  });
  // Whether an organisation is an active member of a partnership: every pair of a request in one statement.
  const activeMember = objectKeyLoader<MembershipKey, boolean>(async (keys) => {
    const valid = keys.filter((k) => isUuid(k.partnershipId) && isUuid(k.organisationId));
    const rows = valid.length ? await repo.activeMemberships(valid) : [];
    const found = new Set(rows.map((r) => `${r.source_id}/${r.organisation_id}`));
    return keys.map((k) => found.has(`${k.partnershipId.toLowerCase()}/${k.organisationId.toLowerCase()}`));
  });
  return { cooperationPages: pages, cooperationCounts: counts, activeMember };
}

export type CooperationLoaders = ReturnType<typeof createCooperationLoaders>;

/** Validates the page arguments before they become a loader key (errors name `first` / `after`). */
export function cooperationKey(organisationId: string, args: PageArgs): CooperationKey {
  const page = pageRequest(args);
  cooperationCursor(page);
  return { organisationId, first: page.first, after: args.after ?? null };
}
