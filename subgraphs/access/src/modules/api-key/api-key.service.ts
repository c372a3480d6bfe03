import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  API_KEY_ROLES,
  AppError,
  assertHubId,
  assertReferencesExist,
  type Connection,
  type Db,
  type Identity,
  inTransaction,
  type PageArgs,
  pageRequest,
  type Reference,
  type Role,
  tercCodeSchema,
  validateInput,
} from '@ngo-hub/kit';
import { AuditRepository } from '../audit/audit.repository.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import type { ApiKeyFilter, CreateApiKeyInput } from './api-key.input.js';
import { apiKeyList, ApiKeyRepository } from './api-key.repository.js';
import { ApiKey, CreatedApiKey, Viewer } from './api-key.type.js';

/** `nh_` and 32 random bytes: recognisable in a leaked log or a secret scanner, unguessable. */
const SECRET_PREFIX = 'nh_';
/** Shown in listings to tell keys apart; reveals 5 of the secret's 256 bits of entropy, nothing usable. */
const SHOWN_CHARACTERS = SECRET_PREFIX.length + 6;

/**
 * SHA-256, not a slow password hash: the secret is 32 random bytes, so there is no dictionary to
 * try, and a fast hash lets every request be checked by one indexed lookup.
 */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function toApiKey(row: ApiKeyEntity): ApiKey {
  return Object.assign(new ApiKey(), {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    organisationId: row.organisationId,
    partnershipId: row.partnershipId,
    funderId: row.funderId,
    territories: row.territories,
    secretPrefix: row.secretPrefix,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    revokedAt: row.revokedAt,
    revokedBy: row.revokedBy,
    lastUsedAt: row.lastUsedAt,
    active: row.revokedAt === null,
  });
}

export function toViewer(identity: Identity): Viewer {
  return Object.assign(new Viewer(), identity);
}

/** The identity a stored key stands for. */
export function keyIdentity(row: ApiKeyEntity): Identity {
  return {
    subject: `key:${row.id}`,
    name: row.name,
    role: row.role as Role,
    organisationId: row.organisationId,
    partnershipId: row.partnershipId,
    funderId: row.funderId,
    territories: row.territories,
  };
}

/** Which binding each role needs; every other binding is refused for it. */
const BINDING: Record<Role, 'organisationId' | 'partnershipId' | 'funderId' | null> = {
  ADMIN: null,
  ORGANISATION_EDITOR: 'organisationId',
  COORDINATOR: 'partnershipId',
  FUNDER_OFFICER: 'funderId',
  PORTAL: null,
};
const TERRITORIAL: ReadonlySet<Role> = new Set(['FUNDER_OFFICER', 'PORTAL']);

const createSchema = z
  .object({
    name: z.string().trim().min(1, 'a name is required').max(200),
    role: z.enum(API_KEY_ROLES),
    organisationId: z.string().nullish(),
    partnershipId: z.string().nullish(),
    funderId: z.string().nullish(),
    territories: z.array(tercCodeSchema).max(50).nullish(),
  })
  .superRefine((input, ctx) => {
    const needed = BINDING[input.role];
    for (const binding of ['organisationId', 'partnershipId', 'funderId'] as const) {
      const given = input[binding] != null;
      if (binding === needed && !given)
        ctx.addIssue({ code: 'custom', path: [binding], message: `a ${input.role} key needs ${binding}` });
      if (binding !== needed && given)
        ctx.addIssue({ code: 'custom', path: [binding], message: `a ${input.role} key is not bound to ${binding}` });
    }
    if (input.territories?.length && !TERRITORIAL.has(input.role))
      ctx.addIssue({
        code: 'custom',
        path: ['territories'],
        message: 'only FUNDER_OFFICER and PORTAL keys are limited to territories',
      });
  });

/** Makes a key: validated, its references checked, stored as a hash, audited, in one transaction. */
export async function createApiKey(db: Db, actor: Identity, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const data = validateInput(createSchema, input);
  const bound = (['organisationId', 'partnershipId', 'funderId'] as const).flatMap((field) =>
    data[field] ? [{ field, id: assertHubId(data[field], `input.${field}`) }] : [],
  );
  const references: Reference[] = bound.map(({ field, id }) => ({
    kind: field === 'organisationId' ? 'organisation' : field === 'partnershipId' ? 'partnership' : 'funder',
    id,
    field: `input.${field}`,
  }));
  const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await inTransaction(db, async (tx) => {
    await assertReferencesExist(tx, 'access', references);
    const created = await new ApiKeyRepository(tx).insert({
      id: randomUUID(),
      name: data.name,
      role: data.role,
      organisationId: bound.find((b) => b.field === 'organisationId')?.id ?? null,
      partnershipId: bound.find((b) => b.field === 'partnershipId')?.id ?? null,
      funderId: bound.find((b) => b.field === 'funderId')?.id ?? null,
      territories: [...new Set(data.territories ?? [])],
      secretHash: secretHash(secret),
      secretPrefix: secret.slice(0, SHOWN_CHARACTERS),
      createdBy: actor.subject,
    });
    await audit(tx, actor, 'createApiKey', created.id, Object.keys(input));
    return created;
  });
  return Object.assign(new CreatedApiKey(), { secret, apiKey: toApiKey(row) });
}

/** Revokes a key (again: no change, no error); an unknown id is NOT_FOUND. */
export async function revokeApiKey(db: Db, actor: Identity, id: string): Promise<ApiKey> {
  assertHubId(id, 'id');
  const row = await inTransaction(db, async (tx) => {
    const revoked = await new ApiKeyRepository(tx).revoke(id, actor.subject);
    if (!revoked) throw AppError.notFound('ApiKey', id);
    await audit(tx, actor, 'revokeApiKey', id, ['revokedAt']);
    return revoked;
  });
  return toApiKey(row);
}

function audit(tx: Db, actor: Identity, operation: string, entityId: string, fields: string[]): Promise<void> {
  return new AuditRepository(tx).insert([
    {
      id: randomUUID(),
      at: new Date().toISOString(),
      actor: { subject: actor.subject, name: actor.name, role: actor.role },
      operation,
      entityType: 'ApiKey',
      entityId,
      changedFields: fields.sort(),
    },
  ]);
}

export function listApiKeys(db: Db, filter: ApiKeyFilter | null, page: PageArgs): Promise<Connection<ApiKey>> {
  const q = apiKeyList.query({ active: filter?.active ?? null, role: filter?.role ?? null }, null, pageRequest(page));
  return new ApiKeyRepository(db).list(q, toApiKey);
}

/** The identity of an active key with this secret, or null; what the gateway asks for every new credential. */
export async function identityOfSecret(db: Db, secret: string): Promise<Identity | null> {
  if (!secret.startsWith(SECRET_PREFIX) || secret.length > 200) return null;
  const row = await new ApiKeyRepository(db).useActive(secretHash(secret));
  return row ? keyIdentity(row) : null;
}
