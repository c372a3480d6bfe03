import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  assertHubId, assertTercCode, localDateSchema, optionalTextSchema, pageRequest, searchText, tercCodeSchema, territoryPrefixes,
  toConnection, validateInput, warsawToday, type Connection, type PageArgs,
} from '@ngo-hub/kit';
import type { PartnershipEntity } from './partnership.entity.js';
import type { CreatePartnershipInput, PartnershipFilter } from './partnership.input.js';
import { PartnershipRepository } from './partnership.repository.js';
import { Partnership, PartnershipStatus } from './partnership.type.js';

export function toPartnership(row: PartnershipEntity): Partnership {
  return Object.assign(new Partnership(), {
    id: row.id, name: row.name, description: row.description, status: row.status as PartnershipStatus, themes: row.themes,
    establishedOn: row.establishedOn, hasLegalPersonality: row.hasLegalPersonality,
    territoryCode: row.territoryCode, additionalTerritoryCodes: row.additionalTerritoryCodes,
  });
}

export async function listPartnerships(em: EntityManager, filter: PartnershipFilter | null | undefined, args: PageArgs): Promise<Connection<Partnership>> {
  const page = pageRequest(args);
  const leadPartner = assertHubId(filter?.leadPartner, 'filter.leadPartner');
  const criteria = {
    search: searchText(filter?.search),
    territoryPrefixes: filter?.territory != null ? territoryPrefixes(assertTercCode(filter.territory, 'filter.territory')) : null,
    status: filter?.status ?? null,
    theme: filter?.theme?.trim() || null,
    leadPartner,
    today: warsawToday(),
  };
  const repo = new PartnershipRepository(em);
  const rows = await repo.page(criteria, page);
  return toConnection(rows, page, (r) => [r.name, r.id], toPartnership, () => repo.count(criteria));
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

/** Creates a partnership (without members) in one transaction. */
export async function createPartnership(em: EntityManager, input: CreatePartnershipInput): Promise<Partnership> {
  const data = validateInput(createSchema, input);
  const row = await em.transactional((tx) => new PartnershipRepository(tx).insert({
    id: randomUUID(),
    name: data.name,
    description: data.description ?? null,
    territoryCode: data.territory,
    additionalTerritoryCodes: data.additionalTerritories ?? [],
    status: data.status ?? PartnershipStatus.FORMING,
    themes: [...new Set(data.themes ?? [])],
    establishedOn: data.establishedOn ?? null,
    hasLegalPersonality: data.hasLegalPersonality ?? false,
  }));
  return toPartnership(row!);
}
