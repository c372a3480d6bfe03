import { randomUUID } from 'node:crypto';
import {
  AppError,
  contactPersonSchema,
  givenFields,
  inTransaction,
  recordAudit,
  type ChangeSummary,
  type Db,
  type Identity,
  RecordSource,
} from '@ngo-hub/kit';
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
import { recordMembers, recordNoMembers } from './partnership.outbox.js';
import type {
  CreatePartnershipInput,
  PartnershipFilter,
  PartnershipSort,
  UpdatePartnershipInput,
} from './partnership.input.js';
import {
  partnershipList,
  PartnershipRepository,
  type PartnershipCriteria,
  type PartnershipFields,
  type PartnershipListQuery,
  type PartnershipRecord,
} from './partnership.repository.js';
import { Partnership, PartnershipStatus } from './partnership.type.js';

/** The one mapping to `Partnership`: of read paths' plain records and of write paths' entities alike. */
export function toPartnership(row: PartnershipRecord): Partnership {
  return Object.assign(new Partnership(), {
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    source: row.source as RecordSource,
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status as PartnershipStatus,
    themes: row.themes,
    establishedOn: row.establishedOn,
    hasLegalPersonality: row.hasLegalPersonality,
    territoryCode: row.territoryCode,
    additionalTerritoryCodes: row.additionalTerritoryCodes,
    contact: row.contactName ? { name: row.contactName, email: row.contactEmail, phone: row.contactPhone } : null,
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
    modifiedSince: filter?.modifiedSince?.toISOString() ?? null,
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

/** Distinct main and additional territories, reported at the repeated additional one. */
function refineTerritories(
  input: { territory?: string | undefined; additionalTerritories?: string[] | null | undefined },
  ctx: z.RefinementCtx,
): void {
  const seen = new Set(input.territory ? [input.territory] : []);
  input.additionalTerritories?.forEach((code, i) => {
    if (seen.has(code))
      ctx.addIssue({
        code: 'custom',
        path: ['additionalTerritories', i],
        message: `${code} is already the main or another additional territory`,
      });
    seen.add(code);
  });
}

const partnershipFields = {
  name: z.string().trim().min(1, 'a name is required').max(500),
  description: optionalTextSchema(10_000),
  territory: tercCodeSchema,
  additionalTerritories: z.array(tercCodeSchema).max(50).nullish(),
  status: z.enum(PartnershipStatus),
  themes: z.array(z.string().trim().min(1).max(100)).max(30).nullish(),
  establishedOn: localDateSchema.refine((d) => d <= warsawToday(), 'establishedOn cannot be in the future').nullish(),
  hasLegalPersonality: z.boolean().nullish(),
  contactPerson: contactPersonSchema.nullish(),
};

const createSchema = z
  .object({ ...partnershipFields, status: partnershipFields.status.nullish() })
  .superRefine(refineTerritories);
// Name, territory and status cannot be cleared: null is refused like any other wrong type.
const updateSchema = z.object(partnershipFields).partial().superRefine(refineTerritories);

type PartnershipChanges = z.infer<typeof updateSchema>;

/** The columns an input sets; an explicit null clears one (lists to none, `hasLegalPersonality` to false). */
function fieldsOf(changes: PartnershipChanges): Partial<PartnershipFields> {
  const fields: Partial<PartnershipFields> = {};
  if (changes.name !== undefined) fields.name = changes.name;
  if (changes.description !== undefined) fields.description = changes.description ?? null;
  if (changes.territory !== undefined) fields.territoryCode = changes.territory;
  if (changes.additionalTerritories !== undefined)
    fields.additionalTerritoryCodes = changes.additionalTerritories ?? [];
  if (changes.status !== undefined) fields.status = changes.status;
  if (changes.themes !== undefined) fields.themes = [...new Set(changes.themes ?? [])];
  if (changes.establishedOn !== undefined) fields.establishedOn = changes.establishedOn ?? null;
  if (changes.hasLegalPersonality !== undefined) fields.hasLegalPersonality = changes.hasLegalPersonality ?? false;
  if (changes.contactPerson !== undefined) {
    fields.contactName = changes.contactPerson?.name ?? null;
    fields.contactEmail = changes.contactPerson?.email ?? null;
    fields.contactPhone = changes.contactPerson?.phone ?? null;
  }
  return fields;
}

/** What subscribers are told about a partnership: public facts, never its contact person. */
const partnershipSummary = (row: PartnershipEntity): ChangeSummary => ({
  title: row.name,
  territoryCode: row.territoryCode,
  status: row.status,
});

/** Creates a partnership (without members) in one transaction, publishing its empty member set. */
export async function createPartnership(db: Db, actor: Identity, input: CreatePartnershipInput): Promise<Partnership> {
  const data = validateInput(createSchema, input);
  const row = await inTransaction(db, async (tx) => {
    const created = (await new PartnershipRepository(tx).insert({
      id: randomUUID(),
      description: null,
      additionalTerritoryCodes: [],
      themes: [],
      establishedOn: null,
      hasLegalPersonality: false,
      contactName: null,
      contactEmail: null,
      contactPhone: null,
      ...fieldsOf({ ...data, status: undefined }),
      name: data.name,
      territoryCode: data.territory,
      status: data.status ?? PartnershipStatus.FORMING,
    }))!;
    await recordNoMembers(tx, created.id, created.establishedOn);
    await recordAudit(tx, 'partnerships', actor, {
      operation: 'createPartnership',
      entityType: 'Partnership',
      entityId: created.id,
      changedFields: givenFields(input),
      summary: partnershipSummary(created),
    });
    return created;
  });
  return toPartnership(row);
}

/**
 * Applies the given changes in one transaction; an unknown id is NOT_FOUND. The row is locked first,
 * so the main and additional territories are checked as they will be stored, one writer at a time.
 */
export async function updatePartnership(
  db: Db,
  actor: Identity,
  id: string,
  input: UpdatePartnershipInput,
): Promise<Partnership> {
  assertHubId(id, 'id');
  const data = validateInput(updateSchema, input);
  const row = await inTransaction(db, async (tx) => {
    const repo = new PartnershipRepository(tx);
    const existing = await repo.lockRow(id);
    if (!existing) throw AppError.notFound('Partnership', id);
    const changes = fieldsOf(data);
    const main = changes.territoryCode ?? existing.territoryCode;
    const additional = changes.additionalTerritoryCodes ?? existing.additionalTerritoryCodes;
    const clash = additional.indexOf(main);
    if (clash >= 0) {
      const field =
        changes.additionalTerritoryCodes !== undefined ? `input.additionalTerritories.${clash}` : 'input.territory';
      throw AppError.badInput(field, `${main} is both the main and an additional territory`);
    }
    const updated = await repo.update(id, changes);
    // The members' message carries the establishment year (analytics' year windows).
    if (changes.establishedOn !== undefined) await recordMembers(tx, id, warsawToday());
    await recordAudit(tx, 'partnerships', actor, {
      operation: 'updatePartnership',
      entityType: 'Partnership',
      entityId: id,
      changedFields: givenFields(input),
      summary: partnershipSummary(updated),
    });
    return updated;
  });
  return toPartnership(row);
}
