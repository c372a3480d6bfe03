import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AppError,
  assertHubId,
  authorize,
  coordinates,
  editsOrganisation,
  givenFields,
  hubIdSchema,
  inTransaction,
  localDateSchema,
  optionalTextSchema,
  pageRequest,
  recordAudit,
  refuseUnknownReferences,
  unknownReferenceProblem,
  unknownReferences,
  validateInput,
  warsawToday,
  type Db,
  type Identity,
  type PageArgs,
  type Tx,
} from '@ngo-hub/kit';
import { insertMembership, membershipSummary } from '../membership/membership.service.js';
import { MembershipRole } from '../membership/membership.type.js';
import { MembershipRepository } from '../membership/membership.repository.js';
import { PartnershipRepository } from '../partnership/partnership.repository.js';
import { PartnershipStatus } from '../partnership/partnership.type.js';
import type { DeclarationEntity } from './declaration.entity.js';
import type { DeclarationFilter, SubmitDeclarationInput } from './declaration.input.js';
import {
  type DeclarationDecision,
  declarationList,
  type DeclarationListQuery,
  type DeclarationRecord,
  DeclarationRepository,
} from './declaration.repository.js';
import { Declaration, type DeclarationSort, DeclarationStatus } from './declaration.type.js';

/** The one mapping to `Declaration`: of read paths' plain records and of write paths' entities alike. */
export function toDeclaration(row: DeclarationRecord): Declaration {
  return Object.assign(new Declaration(), {
    id: row.id,
    status: row.status as DeclarationStatus,
    signedOn: row.signedOn,
    decidedOn: row.decidedOn,
    reason: row.reason,
    note: row.note,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    partnershipId: row.partnershipId,
    organisationId: row.organisationId,
    membershipId: row.membershipId,
  });
}

/** Validates the arguments of a declaration list (a partnership's or an organisation's), before any SQL. */
export function declarationListing(
  status: DeclarationStatus | null | undefined,
  filter: DeclarationFilter | null | undefined,
  sort: DeclarationSort | null | undefined,
  args: PageArgs,
): DeclarationListQuery {
  const criteria = { status: status ?? null, modifiedSince: filter?.modifiedSince?.toISOString() ?? null };
  return declarationList.query(criteria, sort, pageRequest(args));
}

/** Who may read a declaration: ADMIN, the COORDINATOR of its partnership, the ORGANISATION_EDITOR of its organisation. */
export function mayRead(viewer: Identity, declaration: Declaration): boolean {
  return (
    viewer.role === 'ADMIN' ||
    coordinates(viewer, declaration.partnershipId) ||
    editsOrganisation(viewer, declaration.organisationId)
  );
}

const lowerId = hubIdSchema.transform((id) => id.toLowerCase());

const submitSchema = z.object({
  partnershipId: lowerId,
  // Checked against the replica of the organisations the organisations subgraph has published (`known_id`).
  organisationId: lowerId,
  signedOn: localDateSchema.refine((d) => d <= warsawToday(), 'signedOn cannot be in the future'),
  note: optionalTextSchema(2000),
});

const reasonSchema = z.string().trim().min(1, 'a reason is required').max(2000);

/**
 * Submits a declaration in one transaction. The partnership row is locked, as for a membership
 * change, so "already a member" and "already an open declaration" are checked one writer at a time.
 */
export async function submitDeclaration(db: Db, actor: Identity, input: SubmitDeclarationInput): Promise<Declaration> {
  const data = validateInput(submitSchema, input);
  const today = warsawToday();
  const row = await inTransaction(db, async (tx) => {
    const status = await new PartnershipRepository(tx).lockForUpdate(data.partnershipId);
    refuseUnknownReferences([
      ...(status === null ? [unknownReferenceProblem('Partnership', data.partnershipId, 'input.partnershipId')] : []),
      ...(await unknownReferences(tx, 'partnerships', [
        { kind: 'organisation', id: data.organisationId, field: 'input.organisationId' },
      ])),
    ]);
    if (status === PartnershipStatus.DISSOLVED)
      throw new AppError('CONFLICT', 'a dissolved partnership takes no new members', 'input.partnershipId');
    const active = await new MembershipRepository(tx).activeOf(data.partnershipId, today);
    if (active.some((m) => m.organisationId === data.organisationId))
      throw new AppError(
        'CONFLICT',
        `organisation ${data.organisationId} is already an active member of this partnership`,
        'input.organisationId',
      );
    const declarations = new DeclarationRepository(tx);
    const open = await declarations.openOf(data.partnershipId, data.organisationId);
    if (open)
      throw new AppError(
        'CONFLICT',
        `organisation ${data.organisationId} already has an open declaration to this partnership (declaration ${open.id})`,
        'input.organisationId',
      );
    const created = await declarations.insert({
      id: randomUUID(),
      partnershipId: data.partnershipId,
      organisationId: data.organisationId,
      signedOn: data.signedOn,
      note: data.note ?? null,
    });
    await recordAudit(tx, 'partnerships', actor, {
      operation: 'submitDeclaration',
      entityType: 'Declaration',
      entityId: created.id,
      changedFields: givenFields(input),
      summary: {
        ...(await membershipSummary(tx, created.partnershipId, created.organisationId)),
        status: created.status,
      },
    });
    return created;
  });
  return toDeclaration(row);
}

type Decider = 'coordinator' | 'editor';

/**
 * The common frame of a decision: in one transaction, lock the declaration (two decisions on it run one
 * after the other), check who decides against its stored partnership or organisation, require it to be
 * SUBMITTED, let `decide` write, and record the audit entry. Nothing is written before the checks.
 */
async function decideDeclaration(
  db: Db,
  actor: Identity,
  id: string,
  action: string,
  decider: Decider,
  decide: (tx: Tx, declaration: DeclarationEntity, today: string) => Promise<DeclarationDecision>,
): Promise<Declaration> {
  assertHubId(id, 'id');
  const today = warsawToday();
  const row = await inTransaction(db, async (tx) => {
    const declarations = new DeclarationRepository(tx);
    const existing = await declarations.lockForUpdate(id);
    if (!existing) throw AppError.notFound('Declaration', id);
    authorize(
      { viewer: actor },
      decider === 'coordinator'
        ? {
            action,
            needs: `the COORDINATOR of partnership ${existing.partnershipId}`,
            allows: (viewer) => coordinates(viewer, existing.partnershipId),
            field: 'id',
          }
        : {
            action,
            needs: `the ORGANISATION_EDITOR of organisation ${existing.organisationId}`,
            allows: (viewer) => editsOrganisation(viewer, existing.organisationId),
            field: 'id',
          },
    );
    if (existing.status !== DeclarationStatus.SUBMITTED)
      throw new AppError(
        'CONFLICT',
        `declaration ${id} is already ${existing.status}; only a SUBMITTED one can change`,
        'id',
      );
    const decision = await decide(tx, existing, today);
    const decided = await declarations.decide(id, decision);
    await recordAudit(tx, 'partnerships', actor, {
      operation: action,
      entityType: 'Declaration',
      entityId: id,
      changedFields: [
        'decidedOn',
        'status',
        ...(decision.reason ? ['reason'] : []),
        ...(decision.membershipId ? ['membership'] : []),
      ].sort(),
      summary: {
        ...(await membershipSummary(tx, existing.partnershipId, existing.organisationId)),
        status: decision.status,
      },
    });
    return decided;
  });
  return toDeclaration(row);
}

/**
 * Accepts a declaration: the organisation becomes a MEMBER from today (Europe/Warsaw), its membership
 * carrying the declaration's date, through the same write path as addMembership (checks, member set).
 */
export function acceptDeclaration(db: Db, actor: Identity, id: string): Promise<Declaration> {
  return decideDeclaration(db, actor, id, 'acceptDeclaration', 'coordinator', async (tx, declaration, today) => {
    const membership = await insertMembership(
      tx,
      {
        partnershipId: declaration.partnershipId,
        organisationId: declaration.organisationId,
        role: MembershipRole.MEMBER,
        declarationSignedOn: declaration.signedOn,
        joinedOn: today,
        leftOn: null,
      },
      today,
      { partnership: 'id', organisation: 'id', role: 'id' },
    );
    await recordAudit(tx, 'partnerships', actor, {
      operation: 'acceptDeclaration',
      entityType: 'Membership',
      entityId: membership.id,
      changedFields: ['declarationSignedOn', 'joinedOn', 'organisation', 'partnership', 'role'],
      summary: await membershipSummary(tx, declaration.partnershipId, declaration.organisationId),
    });
    return { status: DeclarationStatus.ACCEPTED, decidedOn: today, reason: null, membershipId: membership.id };
  });
}

/** Rejects a declaration with a reason (1–2000 characters). */
export function rejectDeclaration(db: Db, actor: Identity, id: string, reason: string): Promise<Declaration> {
  const text = validateInput(reasonSchema, reason, 'reason');
  return decideDeclaration(db, actor, id, 'rejectDeclaration', 'coordinator', async (_tx, _declaration, today) => ({
    status: DeclarationStatus.REJECTED,
    decidedOn: today,
    reason: text,
    membershipId: null,
  }));
}

/** Withdraws a declaration on behalf of its organisation. */
export function withdrawDeclaration(db: Db, actor: Identity, id: string): Promise<Declaration> {
  return decideDeclaration(db, actor, id, 'withdrawDeclaration', 'editor', async (_tx, _declaration, today) => ({
    status: DeclarationStatus.WITHDRAWN,
    decidedOn: today,
    reason: null,
    membershipId: null,
  }));
}
