import { type InboxHandlers, TOPICS } from '@ngo-hub/kit';
import { AuditRepository } from './audit.repository.js';

/** Keeps `access.audit_entry` from every subgraph's `audit.entry` messages (a null payload is never sent). */
export const auditInbox: InboxHandlers = {
  [TOPICS.auditEntry.name]: async (tx, messages) => {
    await new AuditRepository(tx).insert(messages.flatMap((m) => (m.payload ? [{ id: m.key, ...m.payload }] : [])));
  },
};
