import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '@ngo-hub/kit';
import { z } from 'zod';
import {
  AppError,
  assertHubId,
  hubIdSchema,
  localDateSchema,
  refuseUnknownReferences,
  unknownReferenceProblem,
  unknownReferences,
  validateInput,
  warsawToday,
} from '@ngo-hub/kit';
import { recordMembers } from '../partnership/partnership.outbox.js';
import { PartnershipRepository } from '../partnership/partnership.repository.js';
import { PartnershipStatus } from '../partnership/partnership.type.js';
import type { MembershipEntity } from './membership.entity.js';
import type { AddMembershipInput } from './membership.input.js';
import { MembershipRepository } from './membership.repository.js';
import { Membership, MembershipRole } from './membership.type.js';

/** Active while it has not ended: no end date, or one later than `today`. */
export function isActiveOn(leftOn: string | null, today: string): boolean {
  return leftOn === null || leftOn > today;
}

export function toMembership(row: MembershipEntity, today: string): Membership {
  return Object.assign(new Membership(), {
    id: row.id,
    role: row.role as MembershipRole,
    declarationSignedOn: row.declarationSignedOn,
    joinedOn: row.joinedOn,
    leftOn: row.leftOn,
    isActive: isActiveOn(row.leftOn, today),
    partnershipId: row.partnership.id,
    organisationId: row.organisationId,
  });
}

const addSchema = z
  .object({
    partnershipId: hubIdSchema,
    // Organisations are owned by another subgraph whose tables this one never reads: the id is checked
    // against the replica of the organisations it has published (`known_id`), in the transaction.
    organisationId: hubIdSchema,
    role: z.enum(MembershipRole),
    declarationSignedOn: localDateSchema.nullish(),
    joinedOn: localDateSchema.nullish(),
    leftOn: localDateSchema.nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.joinedOn && input.leftOn && input.leftOn < input.joinedOn) {
      ctx.addIssue({ code: 'custom', path: ['leftOn'], message: 'leftOn cannot be before joinedOn' });
    }
  });

/**
 * Adds a membership in one transaction. The partnership row is locked first, so concurrent additions
 * to one partnership are checked one after the other: at most one active lead partner, and no
 * organisation with two active memberships of the same partnership.
 */
export async function addMembership(db: Db, input: AddMembershipInput): Promise<Membership> {
  const data = validateInput(addSchema, input);
  const today = warsawToday();
  return inTransaction(db, async (tx) => {
    const status = await new PartnershipRepository(tx).lockForUpdate(data.partnershipId);
    // Both references at once: an unknown partnership and an unknown organisation are one error.
    refuseUnknownReferences([
      ...(status === null ? [unknownReferenceProblem('Partnership', data.partnershipId, 'input.partnershipId')] : []),
      ...(await unknownReferences(tx, 'partnerships', [
        { kind: 'organisation', id: data.organisationId, field: 'input.organisationId' },
      ])),
    ]);
    const memberships = new MembershipRepository(tx);
    const leftOn = data.leftOn ?? null;
    if (isActiveOn(leftOn, today)) {
      if (status === PartnershipStatus.DISSOLVED) {
        throw new AppError(
          'CONFLICT',
          'a dissolved partnership takes no active memberships (give a past leftOn to record a former one)',
          'input.partnershipId',
        );
      }
      const current = await memberships.activeOf(data.partnershipId, today);
      if (current.some((m) => m.organisationId === data.organisationId)) {
        throw new AppError(
          'CONFLICT',
          `organisation ${data.organisationId} already has an active membership of this partnership`,
          'input.organisationId',
        );
      }
      const lead = current.find((m) => m.role === MembershipRole.LEAD_PARTNER);
      if (data.role === MembershipRole.LEAD_PARTNER && lead) {
        throw new AppError(
          'CONFLICT',
          `the partnership already has an active lead partner (membership ${lead.id}); end it first`,
          'input.role',
        );
      }
    }
    const row = await memberships.insert({
      id: randomUUID(),
      partnershipId: data.partnershipId,
      organisationId: data.organisationId,
      role: data.role,
      declarationSignedOn: data.declarationSignedOn ?? null,
      joinedOn: data.joinedOn ?? null,
      leftOn,
    });
    await recordMembers(tx, data.partnershipId, today);
    return toMembership(row!, today);
  });
}

/**
 * Ends an active membership on `leftOn` (today or any other date not before it began). Its partnership
 * row is locked too, so two memberships of one partnership ended at once publish member sets in order.
 */
export async function endMembership(db: Db, id: string, leftOn: string): Promise<Membership> {
  assertHubId(id, 'id');
  const date = validateInput(localDateSchema, leftOn, 'leftOn');
  const today = warsawToday();
  return inTransaction(db, async (tx) => {
    const memberships = new MembershipRepository(tx);
    const existing = await memberships.lockForUpdate(id);
    if (!existing) throw AppError.notFound('Membership', id);
    if (!isActiveOn(existing.leftOn, today)) {
      throw new AppError('CONFLICT', `membership ${id} already ended on ${existing.leftOn}`, 'id');
    }
    if (existing.joinedOn && date < existing.joinedOn) {
      throw AppError.badInput('leftOn', `leftOn cannot be before the membership began (${existing.joinedOn})`);
    }
    await new PartnershipRepository(tx).lockForUpdate(existing.partnership.id);
    const ended = await memberships.setLeftOn(id, date);
    await recordMembers(tx, existing.partnership.id, today);
    return toMembership(ended, today);
  });
}
