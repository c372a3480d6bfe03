import type { AuditPayload } from '@ngo-hub/kit';

/**
 * The changes subscribers are told about, named as webhook event types, and which audited writes
 * (kit audit.ts: operation and entity type) are each. One write may be two changes: accepting a
 * declaration is `declaration.accepted` and `membership.created`.
 */
export const CHANGE_TYPES = {
  'event.created': 'An event was announced (createEvent).',
  'event.updated': 'An event changed.',
  'event.cancelled': 'An event was cancelled (cancelEvent); it stays in every list with status CANCELLED.',
  'call.published': 'A competition (call for proposals) was announced (createCall).',
  'call.updated': 'A competition changed (updateCall).',
  'grant.created': 'A grant was recorded (createGrant).',
  'grant.updated': 'A grant changed (updateGrant).',
  'organisation.created': 'An organisation joined the register (createOrganisation).',
  'organisation.updated': 'An organisation changed its profile (updateOrganisation).',
  'partnership.created': 'A partnership was registered (createPartnership).',
  'partnership.updated': 'A partnership changed (updatePartnership).',
  'membership.created': 'An organisation joined a partnership (addMembership, acceptDeclaration).',
  'membership.ended': 'A membership ended (endMembership).',
  'declaration.submitted': 'A declaration of participation was submitted.',
  'declaration.accepted': 'A declaration of participation was accepted.',
  'declaration.rejected': 'A declaration of participation was rejected.',
  'declaration.withdrawn': 'A declaration of participation was withdrawn.',
} as const;

export type ChangeType = keyof typeof CHANGE_TYPES;

const BY_OPERATION: Record<string, Partial<Record<string, ChangeType>>> = {
  createEvent: { Event: 'event.created' },
  updateEvent: { Event: 'event.updated' },
  cancelEvent: { Event: 'event.cancelled' },
  createCall: { Call: 'call.published' },
  updateCall: { Call: 'call.updated' },
  createGrant: { Grant: 'grant.created' },
  updateGrant: { Grant: 'grant.updated' },
  createOrganisation: { Organisation: 'organisation.created' },
  updateOrganisation: { Organisation: 'organisation.updated' },
  createPartnership: { Partnership: 'partnership.created' },
  updatePartnership: { Partnership: 'partnership.updated' },
  addMembership: { Membership: 'membership.created' },
  endMembership: { Membership: 'membership.ended' },
  submitDeclaration: { Declaration: 'declaration.submitted' },
  acceptDeclaration: { Declaration: 'declaration.accepted', Membership: 'membership.created' },
  rejectDeclaration: { Declaration: 'declaration.rejected' },
  withdrawDeclaration: { Declaration: 'declaration.withdrawn' },
};

/** One change to tell subscribers about, from one audit entry. */
export interface Change {
  /** The audit entry's key: with the type, what makes a delivery idempotent. */
  entryId: string;
  type: ChangeType;
  at: string;
  entityType: string;
  entityId: string;
  changedFields: string[];
  summary: NonNullable<AuditPayload['summary']>;
}

/** The change an audit entry stands for, or null for writes nobody subscribes to (keys, for one). */
export function changeOf(entryId: string, entry: AuditPayload): Change | null {
  const type = BY_OPERATION[entry.operation]?.[entry.entityType];
  if (!type || !entry.summary) return null;
  return {
    entryId,
    type,
    at: entry.at,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changedFields: entry.changedFields,
    summary: entry.summary,
  };
}
