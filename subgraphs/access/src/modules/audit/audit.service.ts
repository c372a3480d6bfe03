import { type Connection, type Db, isUuid, type PageArgs, pageRequest, type Role } from '@ngo-hub/kit';
import type { AuditEntryEntity } from './audit-entry.entity.js';
import { auditList, AuditRepository } from './audit.repository.js';
import { AuditEntry, type AuditLogFilter } from './audit.type.js';

export function toAuditEntry(row: AuditEntryEntity): AuditEntry {
  return Object.assign(new AuditEntry(), {
    id: row.id,
    at: row.at,
    actor: { subject: row.actorSubject, name: row.actorName, role: row.actorRole as Role },
    operation: row.operation,
    entityType: row.entityType,
    entityId: row.entityId,
    changedFields: row.changedFields,
  });
}

/** A bare key id is taken as that key's actor, `key:<id>`. */
const actorSubject = (actor: string | null | undefined) =>
  actor ? (isUuid(actor) ? `key:${actor.toLowerCase()}` : actor) : null;

export function listAuditLog(db: Db, filter: AuditLogFilter | null, page: PageArgs): Promise<Connection<AuditEntry>> {
  const q = auditList.query(
    {
      actor: actorSubject(filter?.actor),
      entityType: filter?.entityType ?? null,
      entityId: filter?.entityId ?? null,
      operation: filter?.operation ?? null,
    },
    null,
    pageRequest(page),
  );
  return new AuditRepository(db).list(q, toAuditEntry);
}
