import type { Db } from '@ngo-hub/kit';
import { DataLoader, isUuid, manyByKey, objectKeyLoader, oneByKey, todayOnce } from '@ngo-hub/kit';
import { callList, CallRepository } from './modules/call/call.repository.js';
import { toCall } from './modules/call/call.service.js';
import type { Call } from './modules/call/call.type.js';
import { money } from './modules/common/money.js';
import { FunderRepository } from './modules/funder/funder.repository.js';
import { toFunder, toProgramme } from './modules/funder/funder.service.js';
import type { Funder, Programme } from './modules/funder/funder.type.js';
import { grantList, GrantRepository, type GrantRoleKey } from './modules/grant/grant.repository.js';
import { toGrant } from './modules/grant/grant.service.js';
import { FundingSource, type Grant } from './modules/grant/grant.type.js';

/** A loader by id that never sends a malformed id to the database: it simply is not found. */
function byId<T>(load: (ids: string[]) => Promise<T[]>, idOf: (item: T) => string) {
  return new DataLoader<string, T | null>(async (ids) => {
    const valid = ids.filter(isUuid);
    return oneByKey(ids, valid.length ? await load(valid) : [], idOf);
  });
}

/** The request's loaders: one batched statement per relation, whatever the number of parents. */
export function createLoaders(em: Db) {
  const funders = new FunderRepository(em);
  const calls = new CallRepository(em);
  const grants = new GrantRepository(em);
  return {
    /** Warsaw's date for the whole request (`Call.isOpen` of every call judged alike). */
    today: todayOnce(),
    funder: byId<Funder>(
      async (ids) => (await funders.fundersByIds(ids)).map(toFunder),
      (f) => f.id,
    ),
    programme: byId<Programme>(
      async (ids) => (await funders.programmesByIds(ids)).map(toProgramme),
      (p) => p.id,
    ),
    programmeChildren: new DataLoader<string, Programme[]>(async (ids) =>
      manyByKey(ids, (await funders.programmesByParents(ids)).map(toProgramme), (p) => p.parentId!),
    ),
    call: byId<Call>(
      async (ids) => (await calls.byIds(ids)).map(toCall),
      (c) => c.id,
    ),
    callTerritories: new DataLoader<string, string[]>(async (ids) =>
      manyByKey(ids, await calls.territoriesOf(ids), (t) => t.callId).map((list) => list.map((t) => t.code)),
    ),
    grant: byId<Grant>(
      async (ids) => (await grants.byIds(ids)).map(toGrant),
      (g) => g.id,
    ),
    grantPartners: new DataLoader<string, string[]>(async (ids) =>
      manyByKey(ids, await grants.partnersOf(ids), (p) => p.grantId).map((list) => list.map((p) => p.organisationId)),
    ),
    grantSources: new DataLoader<string, FundingSource[]>(async (ids) =>
      manyByKey(ids, await grants.sourcesOf(ids), (s) => s.grantId).map((list) =>
        list.map((s) =>
          Object.assign(new FundingSource(), { funderId: s.funderId, amount: money(s.amount, s.currency) }),
        ),
      ),
    ),
    grantTerritories: new DataLoader<string, string[]>(async (ids) =>
      manyByKey(ids, await grants.territoriesOf(ids), (t) => t.grantId).map((list) => list.map((t) => t.code)),
    ),
    /** Keyed by (organisation, role): every organisation of an `_entities` batch in one statement. */
    organisationGrants: objectKeyLoader<{ organisationId: string; role: GrantRoleKey }, Grant[]>(async (keys) => {
      const valid = keys.filter((k) => isUuid(k.organisationId));
      const rows = await grants.byOrganisations(valid);
      return manyByKey(
        keys.map((k) => `${k.organisationId}|${k.role}`),
        rows,
        (r) => `${r.organisationId}|${r.role}`,
      ).map((list) => list.map((r) => toGrant(r.grant)));
    }),
    /** `Territory.grants`: all territories asked with the same arguments in one statement (and one count). */
    territoryGrants: grantList.parentLoaders(em, 'territory'),
    territoryCalls: callList.parentLoaders(em, 'territory'),
    partnershipGrants: new DataLoader<string, Grant[]>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? (await grants.byPartnerships(valid)).map(toGrant) : [];
      return manyByKey(ids, rows, (g) => g.partnershipId!);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
