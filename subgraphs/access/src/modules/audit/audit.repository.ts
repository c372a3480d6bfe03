import type { EntityManager } from '@mikro-orm/postgresql';
import { type AuditPayload, type Connection, defineList, type ListQuery, pgArrayLiteral, sql } from '@ngo-hub/kit';
import { AuditEntryEntity } from './audit-entry.entity.js';

export interface AuditCriteria {
  search?: null;
  actor: string | null;
  entityType: string | null;
  entityId: string | null;
  operation: string | null;
}

/** `auditLog`: newest first. */
export const auditList = defineList<AuditCriteria, 'NEWEST'>({
  name: 'audit',
  table: 'access.audit_entry',
  alias: 'a',
  filters: {
    actor: (c) => (c.actor ? sql`a.actor_subject = ${c.actor}` : null),
    entityType: (c) => (c.entityType ? sql`a.entity_type = ${c.entityType}` : null),
    entityId: (c) => (c.entityId ? sql`a.entity_id = ${c.entityId}` : null),
    operation: (c) => (c.operation ? sql`a.operation = ${c.operation}` : null),
  },
  sorts: { NEWEST: [{ expr: 'a.at', type: 'timestamptz', direction: 'desc' }] },
  defaultSort: 'NEWEST',
});

export interface AuditRow extends AuditPayload {
  id: string;
}

/** All SQL about the audit trail. */
export class AuditRepository {
  constructor(private readonly em: EntityManager) {}

  list<T>(q: ListQuery<AuditCriteria, 'NEWEST'>, toNode: (row: AuditEntryEntity) => T): Promise<Connection<T>> {
    return auditList.connection(this.em, q, (row) => toNode(this.em.map(AuditEntryEntity, row)));
  }

  /** Stores entries once each (a redelivered one is skipped): one statement for the batch. */
  async insert(entries: readonly AuditRow[]): Promise<void> {
    if (entries.length === 0) return;
    const column = (pick: (e: AuditRow) => string) => pgArrayLiteral(entries.map(pick));
    await this.em.execute(
      `/* audit.insert */ insert into access.audit_entry
         (id, at, actor_subject, actor_name, actor_role, operation, entity_type, entity_id, changed_fields)
       select e.id, e.at, e.subject, e.name, e.role, e.operation, e.entity_type, e.entity_id,
              coalesce((select array_agg(f) from jsonb_array_elements_text(e.fields::jsonb) f), '{}')
       from unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
         as e(id, at, subject, name, role, operation, entity_type, entity_id, fields)
       on conflict (id) do nothing`,
      [
        column((e) => e.id),
        column((e) => e.at),
        column((e) => e.actor.subject),
        column((e) => e.actor.name),
        column((e) => e.actor.role),
        column((e) => e.operation),
        column((e) => e.entityType),
        column((e) => e.entityId),
        column((e) => JSON.stringify(e.changedFields)),
      ],
    );
  }
}
