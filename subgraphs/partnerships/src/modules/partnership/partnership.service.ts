import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '@ngo-hub/kit';
import { z } from 'zod';
import {
  AppError, assertHubId, assertTercCode, isUuid, localDateSchema, nullsLastCursor, optionalTextSchema, pageRequest, searchText,
  tercCodeSchema, territoryPrefixes, toConnection, validateInput, warsawToday, type Connection, type PageArgs, type PageRequest,
} from '@ngo-hub/kit';
import type { PartnershipEntity } from './partnership.entity.js';
import { recordNoMembers } from './partnership.outbox.js';
import { PartnershipSort, type CreatePartnershipInput, type PartnershipFilter } from './partnership.input.js';
import {
  PartnershipRepository, type PartnershipCriteria, type PartnershipCursor, type PartnershipListing, type PartnershipListRow,
  type PartnershipOrder,
} from './partnership.repository.js';
import { Partnership, PartnershipStatus } from './partnership.type.js';

export function toPartnership(row: PartnershipEntity): Partnership {
  return Object.assign(new Partnership(), {
    id: row.id, name: row.name, description: row.description, status: row.status as PartnershipStatus, themes: row.themes,
    establishedOn: row.establishedOn, hasLegalPersonality: row.hasLegalPersonality,
    territoryCode: row.territoryCode, additionalTerritoryCodes: row.additionalTerritoryCodes,
  });
}

function criteriaOf(filter: PartnershipFilter | null | undefined): PartnershipCriteria {
  return {
    search: searchText(filter?.search),
    territoryPrefixes: filter?.territory != null ? territoryPrefixes(assertTercCode(filter.territory, 'filter.territory')) : null,
    status: filter?.status ?? null,
    theme: filter?.theme?.trim() || null,
    leadPartner: assertHubId(filter?.leadPartner, 'filter.leadPartner'),
    today: warsawToday(),
  };
}

const badCursor = () => AppError.badInput('after', 'after is not a cursor returned by this API for this sort');

/**
 * Decodes `after` for `order`: cursors are `[order, ...sort values]`, so a cursor of another sort
 * (or a hand-made one) is refused instead of silently starting somewhere else.
 */
function cursorFor(order: PartnershipOrder, page: PageRequest): PartnershipCursor | null {
  if (!page.after) return null;
  const [tag, ...values] = page.after;
  if (tag !== order) throw badCursor();
  if (order === 'ESTABLISHED_NEWEST') {
    const cursor = nullsLastCursor({ first: page.first, after: values }, 'date');
    return { order, key: cursor!.key, id: cursor!.id };
  }
  const id = values.at(-1);
  const key = values.at(-2);
  if (typeof key !== 'string' || typeof id !== 'string' || !isUuid(id)) throw badCursor();
  if (order === 'NAME') {
    if (values.length !== 2) throw badCursor();
    return { order, key, id };
  }
  const rank = values[0];
  if (values.length !== 3 || typeof rank !== 'number' || !Number.isFinite(rank)) throw badCursor();
  return { order, rank, key, id };
}

/** Validates the arguments of a partnership list (the root one or a territory's) into a listing. */
export function partnershipListing(filter: PartnershipFilter | null | undefined, sort: PartnershipSort | null | undefined, args: PageArgs): PartnershipListing {
  const page = pageRequest(args);
  const criteria = criteriaOf(filter);
  // Relevance needs a search to rank by; without one it is the name order.
  const order: PartnershipOrder = sort === PartnershipSort.ESTABLISHED_NEWEST ? 'ESTABLISHED_NEWEST'
    : sort === PartnershipSort.NAME || !criteria.search ? 'NAME' : 'RELEVANCE';
  return { criteria, order, cursor: cursorFor(order, page), page };
}

/** The cursor of a listed row: the order's name, then the values it sorts by. */
export function cursorOf(order: PartnershipOrder): (row: PartnershipListRow) => unknown[] {
  switch (order) {
    case 'NAME': return (r) => [order, r.sortKey, r.partnership.id];
    case 'RELEVANCE': return (r) => [order, r.rank, r.sortKey, r.partnership.id];
    case 'ESTABLISHED_NEWEST': return (r) => [order, r.partnership.establishedOn, r.partnership.id];
  }
}

export function listConnection(listing: PartnershipListing, rows: PartnershipListRow[], count: () => Promise<number>): Connection<Partnership> {
  return toConnection(rows, listing.page, cursorOf(listing.order), (r) => toPartnership(r.partnership), count);
}

export async function listPartnerships(em: Db, listing: PartnershipListing): Promise<Connection<Partnership>> {
  const repo = new PartnershipRepository(em);
  const rows = await repo.page(listing);
  return listConnection(listing, rows, () => repo.count(listing.criteria));
}

const createSchema = z.object({
  name: z.string().trim().min(1, 'a name is required').max(500),
  description: optionalTextSchema(10_000),
  territory: tercCodeSchema,
  additionalTerritories: z.array(tercCodeSchema).max(50).nullish(),
  status: z.enum(PartnershipStatus).nullish(),
  themes: z.array(z.string().trim().min(1).max(100)).max(30).nullish(),
  establishedOn: localDateSchema.nullish(),
  hasLegalPersonality: z.boolean().nullish(),
}).superRefine((input, ctx) => {
  const seen = new Set([input.territory]);
  input.additionalTerritories?.forEach((code, i) => {
    if (seen.has(code)) ctx.addIssue({ code: 'custom', path: ['additionalTerritories', i], message: `${code} is already the main or another additional territory` });
    seen.add(code);
  });
  if (input.establishedOn && input.establishedOn > warsawToday()) {
    ctx.addIssue({ code: 'custom', path: ['establishedOn'], message: 'establishedOn cannot be in the future' });
  }
});

/** Creates a partnership (without members) in one transaction, publishing its empty member set. */
export async function createPartnership(db: Db, input: CreatePartnershipInput): Promise<Partnership> {
  const data = validateInput(createSchema, input);
  const row = await inTransaction(db, async (tx) => {
    const created = await new PartnershipRepository(tx).insert({
      id: randomUUID(),
      name: data.name,
      description: data.description ?? null,
      territoryCode: data.territory,
      additionalTerritoryCodes: data.additionalTerritories ?? [],
      status: data.status ?? PartnershipStatus.FORMING,
      themes: [...new Set(data.themes ?? [])],
      establishedOn: data.establishedOn ?? null,
      hasLegalPersonality: data.hasLegalPersonality ?? false,
    });
    await recordNoMembers(tx, created!.id);
    return created;
  });
  return toPartnership(row!);
}
