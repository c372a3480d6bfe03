import { randomUUID } from 'node:crypto';
import {
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
  AppError,
  assertHubId,
  assertTercCode,
  identifierSchema,
  isValidIdentifier,
  IDENTIFIER_RULES,
  localDateSchema,
  normaliseIdentifier,
  optionalTextSchema,
  pageRequest,
  searchText,
  tercCodeSchema,
  territoryPrefixes,
  validateInput,
  type Connection,
  type PageArgs,
} from '@ngo-hub/kit';
import { CooperationRepository } from '../cooperation/cooperation.repository.js';
import { recordSeat } from './organisation.outbox.js';
import type { OrganisationEntity } from './organisation.entity.js';
import type { IdentifierRow, OrganisationFields, OrganisationRow } from './organisation.repository.js';
import type { CreateOrganisationInput, OrganisationFilter, UpdateOrganisationInput } from './organisation.input.js';
import {
  organisationList,
  OrganisationRepository,
  type OrganisationCriteria,
  type OrganisationListQuery,
} from './organisation.repository.js';
import { IdentifierScheme, LegalForm, Organisation, Sector, type OrganisationSort } from './organisation.type.js';

/** The one mapper to the GraphQL type: rows of reads (`OrganisationRow`) and entities of writes alike. */
export function toOrganisation(row: OrganisationRow): Organisation {
  return Object.assign(new Organisation(), {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    sector: row.sector as Sector,
    legalForm: row.legalForm as LegalForm,
    publicBenefit: row.publicBenefit,
    description: row.description,
    areasOfActivity: row.areasOfActivity,
    address: { streetAddress: row.streetAddress, postalCode: row.postalCode, locality: row.locality },
    website: row.website,
    email: row.email,
    phone: row.phone,
    foundedOn: row.foundedOn,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    source: row.source as RecordSource,
    territoryCode: row.territoryCode,
    contact: row.contactName ? { name: row.contactName, email: row.contactEmail, phone: row.contactPhone } : null,
  });
}

/** Validates filter, sort and page arguments (the root list and every `Territory.organisations`), before any SQL. */
export function organisationListQuery(
  filter: OrganisationFilter | null | undefined,
  sort: OrganisationSort | null | undefined,
  args: PageArgs,
): OrganisationListQuery {
  const page = pageRequest(args);
  const criteria: OrganisationCriteria = {
    search: searchText(filter?.search),
    territoryPrefixes: filter?.territory
      ? territoryPrefixes(assertTercCode(filter.territory, 'filter.territory'))
      : null,
    sector: filter?.sector ?? null,
    legalForm: filter?.legalForm ?? null,
    publicBenefit: filter?.publicBenefit ?? null,
    areaOfActivity: filter?.areaOfActivity ?? null,
    modifiedSince: filter?.modifiedSince?.toISOString() ?? null,
  };
  return organisationList.query(criteria, sort, page);
}

export function listOrganisations(
  em: Db,
  filter: OrganisationFilter | null | undefined,
  sort: OrganisationSort | null | undefined,
  args: PageArgs,
): Promise<Connection<Organisation>> {
  return new OrganisationRepository(em).list(organisationListQuery(filter, sort, args), toOrganisation);
}

/** Checks a lookup by identifier before it reaches the database: a bad checksum is the client's error. */
export function checkedIdentifier(scheme: IdentifierScheme, value: string): string {
  const normalised = normaliseIdentifier(scheme, value);
  if (!isValidIdentifier(scheme, normalised))
    throw AppError.badInput('value', `invalid ${scheme}: ${IDENTIFIER_RULES[scheme]}`);
  return normalised;
}

const organisationFields = {
  name: z.string().trim().min(1, 'a name is required').max(500),
  shortName: optionalTextSchema(100),
  sector: z.enum(Sector),
  legalForm: z.enum(LegalForm),
  publicBenefit: z.boolean().nullish(),
  description: optionalTextSchema(10_000),
  areasOfActivity: z.array(z.string().trim().min(1).max(200)).max(50).nullish(),
  address: z
    .object({
      streetAddress: optionalTextSchema(300),
      postalCode: z
        .string()
        .regex(/^\d{2}-\d{3}$/, 'a Polish postal code has the form NN-NNN')
        .nullish(),
      locality: optionalTextSchema(200),
    })
    .nullish(),
  territory: tercCodeSchema.nullish(),
  website: z.url({ protocol: /^https?$/ }).nullish(),
  email: z.email().nullish(),
  phone: z
    .string()
    .regex(/^[+\d][\d ()-]{5,30}$/, 'a phone number has digits, spaces, dashes, brackets and an optional leading +')
    .nullish(),
  foundedOn: localDateSchema.nullish(),
  identifiers: z
    .array(identifierSchema)
    .max(10)
    .nullish()
    .superRefine((ids, ctx) => {
      const schemes = new Set<string>();
      ids?.forEach((id, i) => {
        if (schemes.has(id.scheme))
          ctx.addIssue({ code: 'custom', path: [i, 'scheme'], message: `only one ${id.scheme} per organisation` });
        schemes.add(id.scheme);
      });
    }),
  contactPerson: contactPersonSchema.nullish(),
};

const createSchema = z.object(organisationFields);
const updateSchema = z.object(organisationFields).partial();

type OrganisationChanges = z.infer<typeof updateSchema>;

/** The columns an input sets; an explicit null clears one (`publicBenefit` to false, `areasOfActivity` to none). */
function fieldsOf(changes: OrganisationChanges): Partial<OrganisationFields> {
  const { address, territory, identifiers: _ids, contactPerson, ...plain } = changes;
  const fields: Partial<OrganisationFields> = {};
  for (const [key, value] of Object.entries(plain)) {
    if (value !== undefined)
      (fields as Record<string, unknown>)[key] =
        value ?? (key === 'publicBenefit' ? false : key === 'areasOfActivity' ? [] : null);
  }
  if (address !== undefined) {
    fields.streetAddress = address?.streetAddress ?? null;
    fields.postalCode = address?.postalCode ?? null;
    fields.locality = address?.locality ?? null;
  }
  if (territory !== undefined) fields.territoryCode = territory ?? null;
  // The person is replaced as a whole: what it is given without is cleared.
  if (contactPerson !== undefined) {
    fields.contactName = contactPerson?.name ?? null;
    fields.contactEmail = contactPerson?.email ?? null;
    fields.contactPhone = contactPerson?.phone ?? null;
  }
  return fields;
}

const EMPTY: Omit<OrganisationFields, 'name' | 'sector' | 'legalForm'> = {
  shortName: null,
  publicBenefit: false,
  description: null,
  areasOfActivity: [],
  streetAddress: null,
  postalCode: null,
  locality: null,
  territoryCode: null,
  website: null,
  email: null,
  phone: null,
  foundedOn: null,
  contactName: null,
  contactEmail: null,
  contactPhone: null,
};

/** Identifiers must be unique across organisations: one held by another is a CONFLICT naming the field. */
async function assertIdentifiersFree(
  repo: OrganisationRepository,
  organisationId: string | null,
  ids: readonly IdentifierRow[],
): Promise<void> {
  const holders = await repo.identifierHolders(ids);
  for (const [i, id] of ids.entries()) {
    const holder = holders.find((h) => h.scheme === id.scheme && h.value === id.value);
    if (holder && holder.organisationId !== organisationId) {
      throw new AppError(
        'CONFLICT',
        `${id.scheme} ${id.value} already belongs to organisation ${holder.organisationId}`,
        `input.identifiers.${i}.value`,
      );
    }
  }
}

const withIds = (ids: readonly IdentifierRow[]) =>
  ids.map((id) => ({ id: randomUUID(), scheme: id.scheme, value: id.value }));

/** Creates an organisation and its identifiers in one transaction, with its audit entry; `viewer` may (the resolver checked). */
export async function createOrganisation(
  db: Db,
  viewer: Identity,
  input: CreateOrganisationInput,
): Promise<Organisation> {
  const data = validateInput(createSchema, input);
  const row = await inTransaction(db, async (tx) => {
    const repo = new OrganisationRepository(tx);
    const identifiers = data.identifiers ?? [];
    // Checked before the insert, so a clash costs no write.
    if (identifiers.length) await assertIdentifiersFree(repo, null, identifiers);
    const created = (await repo.insert(randomUUID(), {
      ...EMPTY,
      ...fieldsOf(data),
      name: data.name,
      sector: data.sector,
      legalForm: data.legalForm,
    }))!;
    await repo.setIdentifiers(created.id, withIds(identifiers), false);
    await recordSeat(tx, created.id, created.territoryCode);
    await recordAudit(tx, 'organisations', viewer, {
      operation: 'createOrganisation',
      entityType: 'Organisation',
      entityId: created.id,
      changedFields: givenFields(input),
      summary: organisationSummary(created),
    });
    return created;
  });
  return toOrganisation(row);
}

/** What subscribers are told about an organisation: register data, never its contact person. */
const organisationSummary = (row: OrganisationEntity): ChangeSummary => ({
  title: row.name,
  territoryCode: row.territoryCode,
  url: row.website,
});

/** Applies the given changes in one transaction, with its audit entry; an unknown id is NOT_FOUND. */
export async function updateOrganisation(
  db: Db,
  viewer: Identity,
  id: string,
  input: UpdateOrganisationInput,
): Promise<Organisation> {
  assertHubId(id, 'id');
  const data = validateInput(updateSchema, input);
  const row = await inTransaction(db, async (tx) => {
    const repo = new OrganisationRepository(tx);
    const updated = await repo.update(id, fieldsOf(data));
    if (!updated) throw AppError.notFound('Organisation', id);
    if (data.identifiers !== undefined) {
      const identifiers = data.identifiers ?? [];
      await assertIdentifiersFree(repo, updated.id, identifiers);
      await repo.setIdentifiers(updated.id, withIds(identifiers), true);
    }
    await recordSeat(tx, updated.id, updated.territoryCode);
    if (data.territory !== undefined) await new CooperationRepository(tx).refreshPairsOfOrganisation(updated.id);
    await recordAudit(tx, 'organisations', viewer, {
      operation: 'updateOrganisation',
      entityType: 'Organisation',
      entityId: updated.id,
      changedFields: givenFields(input),
      summary: organisationSummary(updated),
    });
    return updated;
  });
  return toOrganisation(row);
}
