import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '@ngo-hub/kit';
import { z } from 'zod';
import {
  assertHubId,
  assertTercCode,
  localDateSchema,
  optionalTextSchema,
  pageRequest,
  searchText,
  tercCodeSchema,
  territoryPrefixes,
  validateInput,
  warsawToday,
  type Connection,
  type PageArgs,
} from '@ngo-hub/kit';
import type { PartnershipEntity } from './partnership.entity.js';
import { recordNoMembers } from './partnership.outbox.js';
import type { CreatePartnershipInput, PartnershipFilter, PartnershipSort } from './partnership.input.js';
import {
  partnershipList,
  PartnershipRepository,
  type PartnershipCriteria,
  type PartnershipListQuery,
} from './partnership.repository.js';
import { Partnership, PartnershipStatus } from './partnership.type.js';

export function toPartnership(row: PartnershipEntity): Partnership {
  return Object.assign(new Partnership(), {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status as PartnershipStatus,
    themes: row.themes,
    establishedOn: row.establishedOn,
    hasLegalPersonality: row.hasLegalPersonality,
    territoryCode: row.territoryCode,
    additionalTerritoryCodes: row.additionalTerritoryCodes,
  });
}

function criteriaOf(filter: PartnershipFilter | null | undefined): PartnershipCriteria {
  return {
    search: searchText(filter?.search),
    territoryPrefixes:
      filter?.territory != null ? territoryPrefixes(assertTercCode(filter.territory, 'filter.territory')) : null,
    status: filter?.status ?? null,
    theme: filter?.theme?.trim() || null,
    leadPartner: assertHubId(filter?.leadPartner, 'filter.leadPartner'),
    today: warsawToday(),
  };
}

/** Validates the arguments of a partnership list (the root one or a territory's), before any SQL. */
export function partnershipListing(
  filter: PartnershipFilter | null | undefined,
  sort: PartnershipSort | null | undefined,
  args: PageArgs,
): PartnershipListQuery {
  const page = pageRequest(args);
  return partnershipList.query(criteriaOf(filter), sort, page);
}

export function listPartnerships(em: Db, listing: PartnershipListQuery): Promise<Connection<Partnership>> {
  return new PartnershipRepository(em).list(listing, toPartnership);
}

const createSchema = z
  .object({
    name: z.string().trim().min(1, 'a name is required').max(500),
    description: optionalTextSchema(10_000),
    territory: tercCodeSchema,
    additionalTerritories: z.array(tercCodeSchema).max(50).nullish(),
    status: z.enum(PartnershipStatus).nullish(),
    themes: z.array(z.string().trim().min(1).max(100)).max(30).nullish(),
    establishedOn: localDateSchema.nullish(),
    hasLegalPersonality: z.boolean().nullish(),
  })
  .superRefine((input, ctx) => {
    const seen = new Set([input.territory]);
    input.additionalTerritories?.forEach((code, i) => {
      if (seen.has(code))
        ctx.addIssue({
          code: 'custom',
          path: ['additionalTerritories', i],
          message: `${code} is already the main or another additional territory`,
        });
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
