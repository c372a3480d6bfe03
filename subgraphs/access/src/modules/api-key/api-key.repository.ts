import type { EntityManager } from '@mikro-orm/postgresql';
import { defineList, pgArrayLiteral, sql, type Connection, type ListQuery } from '@ngo-hub/kit';
import { ApiKeyEntity } from './api-key.entity.js';

export interface ApiKeyCriteria {
  search?: null;
  active: boolean | null;
  role: string | null;
}

/** `apiKeys`: newest first. */
export const apiKeyList = defineList<ApiKeyCriteria, 'NEWEST'>({
  name: 'apiKey',
  table: 'access.api_key',
  alias: 'k',
  filters: {
    active: (c) => (c.active == null ? null : c.active ? sql`k.revoked_at is null` : sql`k.revoked_at is not null`),
    role: (c) => (c.role ? sql`k.role = ${c.role}` : null),
  },
  sorts: { NEWEST: [{ expr: 'k.created_at', type: 'timestamptz', direction: 'desc' }] },
  defaultSort: 'NEWEST',
});

export type ApiKeyInsert = Omit<ApiKeyEntity, 'createdAt' | 'revokedAt' | 'revokedBy' | 'lastUsedAt'>;

/** All SQL about API keys; each statement tagged with its name. */
export class ApiKeyRepository {
  constructor(private readonly em: EntityManager) {}

  list<T>(q: ListQuery<ApiKeyCriteria, 'NEWEST'>, toNode: (row: ApiKeyEntity) => T): Promise<Connection<T>> {
    return apiKeyList.connection(this.em, q, (row) => toNode(this.em.map(ApiKeyEntity, row)));
  }

  async insert(key: ApiKeyInsert): Promise<ApiKeyEntity> {
    const [row] = await this.em.execute(
      `/* apiKey.insert */ insert into access.api_key
         (id, name, role, organisation_id, partnership_id, funder_id, territories, secret_hash, secret_prefix, created_by)
       values (?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?) returning *`,
      [
        key.id,
        key.name,
        key.role,
        key.organisationId,
        key.partnershipId,
        key.funderId,
        pgArrayLiteral(key.territories),
        key.secretHash,
        key.secretPrefix,
        key.createdBy,
      ],
    );
    return this.em.map(ApiKeyEntity, row!);
  }

  /** Revokes a key once; the row as it is afterwards, or null for an unknown id. */
  async revoke(id: string, by: string): Promise<ApiKeyEntity | null> {
    const [row] = await this.em.execute(
      `/* apiKey.revoke */ update access.api_key set revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, ?)
       where id = ? returning *`,
      [by, id],
    );
    return row ? this.em.map(ApiKeyEntity, row) : null;
  }

  /** The active key with this secret hash; notes its use at most once a minute (one statement either way). */
  async useActive(secretHash: string): Promise<ApiKeyEntity | null> {
    const [row] = await this.em.execute(
      `/* apiKey.use */ with found as (
         select * from access.api_key where secret_hash = ? and revoked_at is null
       ), touched as (
         update access.api_key k set last_used_at = now() from found
         where k.id = found.id and (found.last_used_at is null or found.last_used_at < now() - interval '1 minute')
       )
       select * from found`,
      [secretHash],
    );
    return row ? this.em.map(ApiKeyEntity, row) : null;
  }
}
