import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  AppError, assertHubId, assertTercCode, identifierSchema, isValidIdentifier, IDENTIFIER_RULES, localDateSchema, normaliseIdentifier,
  optionalTextSchema, pageRequest, searchText, tercCodeSchema, territoryPrefixes, validateInput, type Connection,
  type PageArgs,
} from '@ngo-hub/kit';
import { refreshPairsOfOrganisation } from '../cooperation/cooperation.pairs.js';
import { recordSeat } from './organisation.outbox.js';
import { OrganisationEntity, OrganisationIdentifierEntity } from './organisation.entity.js';
import type { CreateOrganisationInput, OrganisationFilter, UpdateOrganisationInput } from './organisation.input.js';
import { organisationList, OrganisationRepository, type OrganisationCriteria, type OrganisationListQuery } from './organisation.repository.js';
import { IdentifierScheme, LegalForm, Organisation, Sector, type OrganisationSort } from './organisation.type.js';

export function toOrganisation(row: OrganisationEntity): Organisation {
  return Object.assign(new Organisation(), {
    id: row.id, name: row.name, shortName: row.shortName, sector: row.sector as Sector, legalForm: row.legalForm as LegalForm,
    publicBenefit: row.publicBenefit, description: row.description, areasOfActivity: row.areasOfActivity,
    address: { streetAddress: row.streetAddress, postalCode: row.postalCode, locality: row.locality },
    website: row.website, email: row.email, phone: row.phone, foundedOn: row.foundedOn, createdAt: row.createdAt, updatedAt: row.updatedAt,
    territoryCode: row.territoryCode,
  });
}

/** Validates filter, sort and page arguments (the root list and every `Territory.organisations`), before any SQL. */
export function organisationListQuery(filter: OrganisationFilter | null | undefined, sort: OrganisationSort | null | undefined, args: PageArgs): OrganisationListQuery {
  const page = pageRequest(args);
  const criteria: OrganisationCriteria = {
    search: searchText(filter?.search),
    territoryPrefixes: filter?.territory ? territoryPrefixes(assertTercCode(filter.territory, 'filter.territory')) : null,
    sector: filter?.sector ?? null,
    legalForm: filter?.legalForm ?? null,
    publicBenefit: filter?.publicBenefit ?? null,
    areaOfActivity: filter?.areaOfActivity ?? null,
  };
  return organisationList.query(criteria, sort, page);
}

export function listOrganisations(em: EntityManager, filter: OrganisationFilter | null | undefined, sort: OrganisationSort | null | undefined, args: PageArgs): Promise<Connection<Organisation>> {
  return new OrganisationRepository(em).list(organisationListQuery(filter, sort, args), toOrganisation);
}

/** Checks a lookup by identifier before it reaches the database: a bad checksum is the client's error. */
export function checkedIdentifier(scheme: IdentifierScheme, value: string): string {
  const normalised = normaliseIdentifier(scheme, value);
  if (!isValidIdentifier(scheme, normalised)) throw AppError.badInput('value', `invalid ${scheme}: ${IDENTIFIER_RULES[scheme]}`);
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
  address: z.object({
    streetAddress: optionalTextSchema(300),
    postalCode: z.string().regex(/^\d{2}-\d{3}$/, 'a Polish postal code has the form NN-NNN').nullish(),
    locality: optionalTextSchema(200),
  }).nullish(),
  territory: tercCodeSchema.nullish(),
  website: z.url({ protocol: /^https?$/ }).nullish(),
  email: z.email().nullish(),
  phone: z.string().regex(/^[+\d][\d ()-]{5,30}$/, 'a phone number has digits, spaces, dashes, brackets and an optional leading +').nullish(),
  foundedOn: localDateSchema.nullish(),
  identifiers: z.array(identifierSchema).max(10).nullish().superRefine((ids, ctx) => {
    const schemes = new Set<string>();
    ids?.forEach((id, i) => {
      if (schemes.has(id.scheme)) ctx.addIssue({ code: 'custom', path: [i, 'scheme'], message: `only one ${id.scheme} per organisation` });
      schemes.add(id.scheme);
    });
  }),
};

const createSchema = z.object(organisationFields);
const updateSchema = z.object(organisationFields).partial();

type OrganisationChanges = z.infer<typeof updateSchema>;

function applyChanges(row: OrganisationEntity, changes: OrganisationChanges): void {
  const { address, territory, identifiers: _ids, ...plain } = changes;
  for (const [key, value] of Object.entries(plain)) {
    if (value !== undefined) (row as unknown as Record<string, unknown>)[key] = value ?? (key === 'publicBenefit' ? false : key === 'areasOfActivity' ? [] : null);
  }
  if (address !== undefined) {
    row.streetAddress = address?.streetAddress ?? null;
    row.postalCode = address?.postalCode ?? null;
    row.locality = address?.locality ?? null;
  }
  if (territory !== undefined) row.territoryCode = territory ?? null;
}

/** Identifiers must be unique across organisations: a clash is a CONFLICT naming the field. */
async function replaceIdentifiers(em: EntityManager, row: OrganisationEntity, ids: { scheme: string; value: string }[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    const owner = await em.findOne(OrganisationIdentifierEntity, { scheme: id.scheme, value: id.value });
    if (owner && owner.organisation.id !== row.id) {
      throw new AppError('CONFLICT', `${id.scheme} ${id.value} already belongs to organisation ${owner.organisation.id}`, `input.identifiers.${i}.value`);
    }
  }
  await em.nativeDelete(OrganisationIdentifierEntity, { organisation: row.id });
  for (const id of ids) {
    em.create(OrganisationIdentifierEntity, { id: randomUUID(), organisation: row, scheme: id.scheme, value: id.value });
  }
}

/** Creates an organisation and its identifiers in one transaction. */
export async function createOrganisation(em: EntityManager, input: CreateOrganisationInput): Promise<Organisation> {
  const data = validateInput(createSchema, input);
  const row = await em.transactional(async (tx) => {
    const created = tx.create(OrganisationEntity, {
      id: randomUUID(), name: data.name, sector: data.sector, legalForm: data.legalForm,
      shortName: null, description: null, streetAddress: null, postalCode: null, locality: null, territoryCode: null,
      website: null, email: null, phone: null, foundedOn: null,
    });
    applyChanges(created, data);
    await replaceIdentifiers(tx, created, data.identifiers ?? []);
    await recordSeat(tx, created.id, created.territoryCode);
    return created;
  });
  return toOrganisation(row);
}

/** Applies the given changes in one transaction; an unknown id is NOT_FOUND. */
export async function updateOrganisation(em: EntityManager, id: string, input: UpdateOrganisationInput): Promise<Organisation> {
  assertHubId(id, 'id');
  const data = validateInput(updateSchema, input);
  const row = await em.transactional(async (tx) => {
    const existing = await tx.findOne(OrganisationEntity, { id });
    if (!existing) throw AppError.notFound('Organisation', id);
    applyChanges(existing, data);
    existing.updatedAt = new Date();
    if (data.identifiers !== undefined) await replaceIdentifiers(tx, existing, data.identifiers ?? []);
    await recordSeat(tx, existing.id, existing.territoryCode);
    if (data.territory !== undefined) {
      await tx.flush();
      await refreshPairsOfOrganisation(tx, existing.id);
    }
    return existing;
  });
  return toOrganisation(row);
}
