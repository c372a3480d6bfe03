import type { Db } from '@ngo-hub/kit';
import { DataLoader, groupBySignature, isUuid, manyByKey, objectKeyLoader, oneByKey, tercRegister, territoryPrefixes, type Connection } from '@ngo-hub/kit';
import { OrganisationRepository, type OrganisationCriteria } from './modules/organisation/organisation.repository.js';
import { toOrganisation, toOrganisationConnection, type OrganisationListQuery } from './modules/organisation/organisation.service.js';
import { OrganisationIdentifier, IdentifierScheme, type Organisation } from './modules/organisation/organisation.type.js';
import { createCooperationLoaders } from './modules/cooperation/cooperation.loaders.js';
import { TerritoryRepository } from './modules/territory/territory.repository.js';
import { toTerritory } from './modules/territory/territory.service.js';
import type { Territory } from './modules/territory/territory.type.js';

/** Prefixes of the requested codes; a code outside the register (it came through federation) matches nothing. */
function prefixesOf(keys: readonly { code: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { code } of keys) if (tercRegister().has(code)) map.set(code, territoryPrefixes(code));
  return map;
}

/** The request's loaders: one batched statement per relation, whatever the page size. */
export function createLoaders(em: Db) {
  const organisations = new OrganisationRepository(em);
  const territories = new TerritoryRepository(em);

  const territoryOrganisationCount = objectKeyLoader<{ code: string; criteria: OrganisationCriteria }, number>(async (keys) => {
    const counts = new Map<string, number>();
    for (const [group, members] of groupBySignature(keys, (k) => k.criteria)) {
      const found = await organisations.countByTerritory(prefixesOf(members), members[0]!.criteria);
      for (const { code } of members) counts.set(`${group}|${code}`, found.get(code) ?? 0);
    }
    return keys.map((k) => counts.get(`${JSON.stringify(k.criteria)}|${k.code}`) ?? 0);
  });

  return {
    ...createCooperationLoaders(em),
    organisation: new DataLoader<string, Organisation | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await organisations.findByIds(valid) : [];
      return oneByKey(ids, rows.map(toOrganisation), (o) => o.id);
    }),
    identifiers: new DataLoader<string, OrganisationIdentifier[]>(async (ids) => {
      const rows = await organisations.identifiersOf(ids);
      const items = rows.map((r) => ({ organisationId: r.organisation.id, identifier: Object.assign(new OrganisationIdentifier(), { scheme: r.scheme as IdentifierScheme, value: r.value }) }));
      return manyByKey(ids, items, (i) => i.organisationId).map((list) => list.map((i) => i.identifier));
    }),
    territory: new DataLoader<string, Territory | null>(async (codes) => {
      const rows = await territories.findByCodes(codes);
      return oneByKey(codes, rows.map(toTerritory), (t) => t.code);
    }),
    territoryChildren: new DataLoader<string, Territory[]>(async (codes) => {
      const rows = await territories.findByParentCodes(codes);
      return manyByKey(codes, rows.map(toTerritory), (t) => t.parentCode!);
    }),
    /** `Territory.organisations`: one page statement per distinct set of arguments, for all territories. */
    territoryOrganisations: objectKeyLoader<{ code: string; query: OrganisationListQuery }, Connection<Organisation>>(async (keys) => {
      const result = new Map<string, Connection<Organisation>>();
      for (const [group, members] of groupBySignature(keys, (k) => k.query)) {
        const { query } = members[0]!;
        const rows = await organisations.pageByTerritory(prefixesOf(members), query.criteria, query.order, query.page);
        const grouped = manyByKey(members.map((m) => m.code), rows, (r) => r.territoryCode!);
        members.forEach(({ code }, i) => {
          const connection = toOrganisationConnection(grouped[i]!, query, () => territoryOrganisationCount.load({ code, criteria: query.criteria }));
          result.set(`${group}|${code}`, connection);
        });
      }
      return keys.map((k) => result.get(`${JSON.stringify(k.query)}|${k.code}`)!);
    }),
    territoryOrganisationCount,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
