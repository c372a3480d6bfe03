import { randomUUID } from 'node:crypto';
import {
  authorize,
  coordinates,
  givenFields,
  inTransaction,
  recordAudit,
  type ChangeSummary,
  type Db,
  type Identity,
  type Tx,
} from '@ngo-hub/kit';
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
import { MembershipRepository, type MembershipRecord } from './membership.repository.js';
import { Membership, MembershipRole } from './membership.type.js';

/** Active while it has not ended: no end date, or one later than `today`. */
export function isActiveOn(leftOn: string | null, today: string): boolean {
  return leftOn === null || leftOn > today;
}

/** The one mapping to `Membership`: of read paths' plain records and of write paths' entities alike. */
export function toMembership(row: MembershipRecord, today: string): Membership {
  return Object.assign(new Membership(), {
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
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

/** What a new membership holds, validated. */
export interface NewMembership {
  partnershipId: string;
  organisationId: string;
  role: MembershipRole;
  declarationSignedOn: string | null;
  joinedOn: string | null;
  leftOn: string | null;
}

/** Where a refusal of `insertMembership` points: the input fields of addMembership, or the declaration's id. */
export interface MembershipFields {
  partnership: string;
  organisation: string;
  role: string;
}

const INPUT_FIELDS: MembershipFields = {
  partnership: 'input.partnershipId',
  organisation: 'input.organisationId',
  role: 'input.role',
};

/**
 * The one write path of a new membership (addMembership, an accepted declaration), inside the
 * caller's transaction. The partnership row is locked first, so concurrent additions to one
 * partnership are checked one after the other: at most one active lead partner, and no organisation
 * with two active memberships of the same partnership. Records the partnership's new member set.
 */
export async function insertMembership(
  tx: Tx,
  data: NewMembership,
  today: string,
  fields: MembershipFields = INPUT_FIELDS,
): Promise<MembershipEntity> {
  const status = await new PartnershipRepository(tx).lockForUpdate(data.partnershipId);
  // Both references at once: an unknown partnership and an unknown organisation are one error.
  refuseUnknownReferences([
    ...(status === null ? [unknownReferenceProblem('Partnership', data.partnershipId, fields.partnership)] : []),
    ...(await unknownReferences(tx, 'partnerships', [
      { kind: 'organisation', id: data.organisationId, field: fields.organisation },
    ])),
  ]);
  const memberships = new MembershipRepository(tx);
  if (isActiveOn(data.leftOn, today)) {
    if (status === PartnershipStatus.DISSOLVED) {
      throw new AppError(
        'CONFLICT',
        'a dissolved partnership takes no active memberships (give a past leftOn to record a former one)',
        fields.partnership,
      );
    }
    const current = await memberships.activeOf(data.partnershipId, today);
    if (current.some((m) => m.organisationId === data.organisationId)) {
      throw new AppError(
        'CONFLICT',
        `organisation ${data.organisationId} already has an active membership of this partnership`,
        fields.organisation,
      );
    }
    const lead = current.find((m) => m.role === MembershipRole.LEAD_PARTNER);
    if (data.role === MembershipRole.LEAD_PARTNER && lead) {
      throw new AppError(
        'CONFLICT',
        `the partnership already has an active lead partner (membership ${lead.id}); end it first`,
        fields.role,
      );
    }
  }
  const row = await memberships.insert({ id: randomUUID(), ...data });
  await recordMembers(tx, data.partnershipId, today);
  return row!;
}

/** Adds a membership (admin only: members otherwise join through a declaration) in one transaction. */
export async function addMembership(db: Db, actor: Identity, input: AddMembershipInput): Promise<Membership> {
  const data = validateInput(addSchema, input);
  const today = warsawToday();
  return inTransaction(db, async (tx) => {
    const row = await insertMembership(
      tx,
      {
        partnershipId: data.partnershipId,
        organisationId: data.organisationId,
        role: data.role,
        declarationSignedOn: data.declarationSignedOn ?? null,
        joinedOn: data.joinedOn ?? null,
        leftOn: data.leftOn ?? null,
      },
      today,
    );
    await recordAudit(tx, 'partnerships', actor, {
      operation: 'addMembership',
      entityType: 'Membership',
      entityId: row.id,
      changedFields: givenFields(input),
      summary: await membershipSummary(tx, data.partnershipId, data.organisationId),
    });
    return toMembership(row, today);
  });
}

/** What subscribers are told about a membership: which partnership, where, and which organisation. */
export async function membershipSummary(tx: Tx, partnershipId: string, organisationId: string): Promise<ChangeSummary> {
  const [partnership] = await new PartnershipRepository(tx).findByIds([partnershipId]);
  return {
    title: partnership?.name,
    territoryCode: partnership?.territoryCode ?? null,
    related: { partnershipId, organisationId },
  };
}

/**
 * Ends an active membership on `leftOn` (today or any other date not before it began): ADMIN, or a
 * COORDINATOR of its partnership, checked on the locked row before anything is written. Its
 * partnership row is locked too, so two memberships of one partnership ended at once publish member
 * sets in order.
 */
export async function endMembership(db: Db, actor: Identity, id: string, leftOn: string): Promise<Membership> {
  assertHubId(id, 'id');
  const date = validateInput(localDateSchema, leftOn, 'leftOn');
  const today = warsawToday();
  return inTransaction(db, async (tx) => {
    const memberships = new MembershipRepository(tx);
    const existing = await memberships.lockForUpdate(id);
    if (!existing) throw AppError.notFound('Membership', id);
    const partnershipId = existing.partnership.id;
    authorize(
      { viewer: actor },
      {
        action: 'endMembership',
        needs: `the COORDINATOR of partnership ${partnershipId}`,
        allows: (viewer) => coordinates(viewer, partnershipId),
        field: 'id',
      },
    );
    if (!isActiveOn(existing.leftOn, today)) {
      throw new AppError('CONFLICT', `membership ${id} already ended on ${existing.leftOn}`, 'id');
    }
    if (existing.joinedOn && date < existing.joinedOn) {
      throw AppError.badInput('leftOn', `leftOn cannot be before the membership began (${existing.joinedOn})`);
    }
    await new PartnershipRepository(tx).lockForUpdate(partnershipId);
    const ended = await memberships.setLeftOn(id, date);
    await recordMembers(tx, partnershipId, today);
    await recordAudit(tx, 'partnerships', actor, {
      operation: 'endMembership',
      entityType: 'Membership',
      entityId: id,
      changedFields: ['leftOn'],
      summary: await membershipSummary(tx, partnershipId, ended.organisationId),
    });
    return toMembership(ended, today);
  });
}
