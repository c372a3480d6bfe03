import { randomUUID } from 'node:crypto';
import {
  givenFields,
  inTransaction,
  recordAudit,
  type ChangeSummary,
  type Db,
  type Tx,
  type Viewer,
  RecordSource,
} from '@ngo-hub/kit';
import { z } from 'zod';
import {
  AppError,
  assertHubId,
  assertTercCode,
  hubIdSchema,
  localDateSchema,
  optionalTextSchema,
  pageRequest,
  refuseUnknownReferences,
  searchText,
  territoryPrefixes,
  unknownReferenceProblem,
  unknownReferences,
  validateInput,
  type Connection,
  type PageArgs,
} from '@ngo-hub/kit';
import { authorizeForFunder } from '../common/access.js';
import { addDecimals, money, moneySchema, toCents } from '../common/money.js';
import { territoryListSchema, uniqueList } from '../common/validation.js';
import { CallRepository, type CallRecord } from '../call/call.repository.js';
import { FunderRepository, type ProgrammeRecord } from '../funder/funder.repository.js';
import { SeatRepository } from '../seat/seat.repository.js';
import type { GrantEntity } from './grant.entity.js';
import { grantYear, recordParticipants } from './grant.outbox.js';
import type { CreateGrantInput, GrantFilter, UpdateGrantInput } from './grant.input.js';
import {
  grantListQuery,
  GrantRepository,
  type GrantCriteria,
  type GrantInsert,
  type GrantListQuery,
  type GrantRecord,
} from './grant.repository.js';
import { FormOfSupport, Grant, type GrantSort } from './grant.type.js';

/** The one mapping to `Grant`: of read paths' plain records and of write paths' entities alike. */
export function toGrant(row: GrantRecord): Grant {
  return Object.assign(new Grant(), {
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    source: row.source as RecordSource,
    id: row.id,
    title: row.title,
    description: row.description,
    agreementNumber: row.agreementNumber,
    agreementSignedOn: row.agreementSignedOn,
    formOfSupport: row.formOfSupport as FormOfSupport,
    currency: row.currency,
    amountAwarded: money(row.amountAwarded, row.currency),
    ownContribution: money(row.ownContribution, row.currency),
    totalBudget:
      row.amountAwarded != null && row.ownContribution != null
        ? money(addDecimals(row.amountAwarded, row.ownContribution), row.currency)
        : null,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    recipientId: row.recipientId,
    partnershipId: row.partnershipId,
    funderId: row.funderId,
    programmeId: row.programmeId,
    callId: row.callId,
  });
}

/**
 * Validates the arguments of a grant list (root `grants` or `Territory.grants`): bad input is a
 * BAD_USER_INPUT / NOT_FOUND error naming the argument, before any SQL.
 */
export function grantQuery(
  filter: GrantFilter | null | undefined,
  sort: GrantSort | null | undefined,
  args: PageArgs,
): GrantListQuery {
  const page = pageRequest(args);
  const year = filter?.year ?? null;
  if (year !== null && (year < 1900 || year > 2100))
    throw AppError.badInput('filter.year', `year must be between 1900 and 2100, got ${year}`);
  const minAmount = filter?.minAmount ?? null;
  const maxAmount = filter?.maxAmount ?? null;
  if (minAmount !== null && maxAmount !== null && toCents(minAmount) > toCents(maxAmount)) {
    throw AppError.badInput('filter.minAmount', `minAmount ${minAmount} is greater than maxAmount ${maxAmount}`);
  }
  const criteria: GrantCriteria = {
    search: searchText(filter?.search),
    funderId: assertHubId(filter?.funder, 'filter.funder'),
    programmeId: assertHubId(filter?.programme, 'filter.programme'),
    year,
    recipientId: assertHubId(filter?.recipient, 'filter.recipient'),
    territoryPrefixes: filter?.territory
      ? territoryPrefixes(assertTercCode(filter.territory, 'filter.territory'))
      : null,
    minAmount,
    maxAmount,
    modifiedSince: filter?.modifiedSince?.toISOString() ?? null,
  };
  return grantListQuery(criteria, sort ?? null, page);
}

export async function listGrants(
  em: Db,
  filter: GrantFilter | null | undefined,
  sort: GrantSort | null | undefined,
  args: PageArgs,
): Promise<Connection<Grant>> {
  return new GrantRepository(em).list(grantQuery(filter, sort, args), toGrant);
}

const grantFields = {
  title: z.string().trim().min(1, 'a title is required').max(500),
  description: optionalTextSchema(10_000),
  formOfSupport: z.enum(FormOfSupport),
  recipientId: hubIdSchema,
  partnerIds: uniqueList(hubIdSchema, 100, 'partner').nullish(),
  partnershipId: hubIdSchema.nullish(),
  funderId: hubIdSchema.nullish(),
  programmeId: hubIdSchema.nullish(),
  callId: hubIdSchema.nullish(),
  amountAwarded: moneySchema.nullish(),
  ownContribution: moneySchema.nullish(),
  fundingSources: z
    .array(z.object({ funderId: hubIdSchema, amount: moneySchema.nullish() }))
    .max(20)
    .nullish(),
  startsOn: localDateSchema.nullish(),
  endsOn: localDateSchema.nullish(),
  agreementNumber: optionalTextSchema(100),
  agreementSignedOn: localDateSchema.nullish(),
  beneficiaryTerritories: territoryListSchema.nullish(),
};

const createGrantSchema = z.object(grantFields).superRefine((g, ctx) => {
  if (g.startsOn && g.endsOn && g.endsOn < g.startsOn)
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'endsOn is before startsOn' });
  g.partnerIds?.forEach((id, i) => {
    if (id === g.recipientId)
      ctx.addIssue({ code: 'custom', path: ['partnerIds', i], message: 'the recipient cannot also be a partner' });
  });
  const seen = new Set<string>();
  g.fundingSources?.forEach((s, i) => {
    if (seen.has(s.funderId))
      ctx.addIssue({
        code: 'custom',
        path: ['fundingSources', i, 'funderId'],
        message: 'a funder is listed once per grant',
      });
    seen.add(s.funderId);
  });
  // One currency per grant, set by the first amount given.
  const currency = grantCurrency(g);
  if (g.ownContribution && g.ownContribution.currency !== currency) {
    ctx.addIssue({
      code: 'custom',
      path: ['ownContribution', 'currency'],
      message: `all amounts of a grant are in one currency (${currency})`,
    });
  }
  g.fundingSources?.forEach((s, i) => {
    if (s.amount && s.amount.currency !== currency) {
      ctx.addIssue({
        code: 'custom',
        path: ['fundingSources', i, 'amount', 'currency'],
        message: `all amounts of a grant are in one currency (${currency})`,
      });
    }
  });
});

/**
 * The shapes of an update's fields; what a field must satisfy together with the others (dates, one
 * currency, partners) is checked on the stored state with the changes applied, by createGrantSchema.
 */
const updateGrantSchema = z.object({
  ...grantFields,
  title: grantFields.title.optional(),
  formOfSupport: grantFields.formOfSupport.optional(),
  recipientId: hubIdSchema.optional(),
  funderId: hubIdSchema.optional(),
});

type GrantData = z.infer<typeof createGrantSchema>;

function grantCurrency(g: Pick<GrantData, 'amountAwarded' | 'ownContribution' | 'fundingSources'>): string | null {
  return (
    g.amountAwarded?.currency ??
    g.ownContribution?.currency ??
    g.fundingSources?.find((s) => s.amount)?.amount?.currency ??
    null
  );
}

/** What subscribers are told about a grant: public facts, placed at the recipient's seat. */
const grantSummary = (
  title: string,
  seat: string | null,
  funderId: string,
  recipientId: string,
  callId: string | null,
): ChangeSummary => ({ title, territoryCode: seat, related: { funderId, organisationId: recipientId, callId } });

const grantScope = (funderId: string, seat: string | null, funderField: string, recipientField: string) => ({
  funderId,
  territory: seat,
  funderField,
  territoryField: recipientField,
  territoryName: "the recipient's seat",
});

/**
 * Every reference of `refs` that names nothing, collected and refused in one NOT_FOUND error: the
 * organisations and partnership against the replicas of what their owners published (`known_id`),
 * the call, programme and funders against this subgraph's own tables. A call of another programme
 * than `programmeId` is BAD_USER_INPUT. Returns the call and programme found.
 */
async function checkReferences(
  tx: Tx,
  refs: Partial<GrantData>,
  programmeId: string | null,
): Promise<{ call: CallRecord | null; programme: ProgrammeRecord | null }> {
  const funders = new FunderRepository(tx);
  const problems = await unknownReferences(tx, 'funding', [
    ...(refs.recipientId ? [{ kind: 'organisation' as const, id: refs.recipientId, field: 'input.recipientId' }] : []),
    ...(refs.partnerIds ?? []).map((id, i) => ({
      kind: 'organisation' as const,
      id,
      field: `input.partnerIds.${i}`,
    })),
    ...(refs.partnershipId
      ? [{ kind: 'partnership' as const, id: refs.partnershipId, field: 'input.partnershipId' }]
      : []),
  ]);
  let call: CallRecord | null = null;
  if (refs.callId) {
    [call = null] = await new CallRepository(tx).byIds([refs.callId]);
    if (!call) problems.push(unknownReferenceProblem('Call', refs.callId, 'input.callId'));
    else if (programmeId && call.programmeId && call.programmeId !== programmeId)
      throw AppError.badInput('input.callId', 'the call belongs to another programme than input.programmeId');
  }
  let programme: ProgrammeRecord | null = null;
  if (refs.programmeId) {
    [programme = null] = await funders.programmesByIds([refs.programmeId]);
    if (!programme) problems.push(unknownReferenceProblem('Programme', refs.programmeId, 'input.programmeId'));
  }
  const referenced = [
    ...(refs.funderId ? [{ id: refs.funderId, field: 'input.funderId' }] : []),
    ...(refs.fundingSources ?? []).map((s, i) => ({ id: s.funderId, field: `input.fundingSources.${i}.funderId` })),
  ];
  if (referenced.length) {
    const known = new Set((await funders.fundersByIds(referenced.map((r) => r.id))).map((f) => f.id));
    for (const r of referenced) if (!known.has(r.id)) problems.push(unknownReferenceProblem('Funder', r.id, r.field));
  }
  refuseUnknownReferences(problems);
  return { call, programme };
}

/** The row `insert` and `update` write for a validated grant. */
function grantRow(id: string, data: GrantData, funderId: string, programmeId: string | null): GrantInsert {
  return {
    id,
    title: data.title,
    description: data.description ?? null,
    agreementNumber: data.agreementNumber ?? null,
    agreementSignedOn: data.agreementSignedOn ?? null,
    formOfSupport: data.formOfSupport,
    recipientId: data.recipientId,
    partnershipId: data.partnershipId ?? null,
    funderId,
    programmeId,
    callId: data.callId ?? null,
    currency: grantCurrency(data),
    amountAwarded: data.amountAwarded?.amount ?? null,
    ownContribution: data.ownContribution?.amount ?? null,
    startsOn: data.startsOn ?? null,
    endsOn: data.endsOn ?? null,
    partnerIds: data.partnerIds ?? [],
    fundingSources: (data.fundingSources ?? []).map((s) => ({
      funderId: s.funderId,
      amount: s.amount?.amount ?? null,
    })),
    beneficiaryTerritories: data.beneficiaryTerritories ?? [],
  };
}

/** Which parts of a stored grant an update replaces; all of them for a new grant. */
interface Replaced {
  partners: boolean;
  sources: boolean;
  territories: boolean;
  /** The budget check's field when the sources exceed it. */
  budgetField: string;
}

/**
 * Writes a grant (a new one when `stored` is false) and what follows from it, inside the caller's
 * transaction: the agreement number must be free, the participants are published when they changed,
 * and the stored sources may not exceed the budget. Any refusal rolls the whole write back.
 */
async function saveGrant(tx: Tx, row: GrantInsert, stored: boolean, replaced: Replaced): Promise<void> {
  const grants = new GrantRepository(tx);
  const agreementTaken = () =>
    new AppError(
      'CONFLICT',
      `agreement ${row.agreementNumber} is already recorded for this funder`,
      'input.agreementNumber',
    );
  if (row.agreementNumber && (await grants.agreementTaken(row.funderId, row.agreementNumber, stored ? row.id : null)))
    throw agreementTaken();
  // Two concurrent requests can both pass the check above; the unique index settles it.
  const saved = stored ? await grants.update(row, replaced) : await grants.insert(row);
  if (!saved) throw agreementTaken();
  // In the same transaction: a rolled-back grant publishes nothing.
  // Always: the participants' year follows the grant's dates.
  await recordParticipants(tx, row.id, row.recipientId, row.partnerIds, grantYear(row.startsOn, row.agreementSignedOn));
  // Checked on the stored rows, in numeric: the rows above are rolled back when it fails.
  if (row.fundingSources.some((s) => s.amount)) {
    const budget = await grants.sourcesWithinBudget(row.id);
    if (budget && !budget.ok) {
      throw AppError.badInput(
        replaced.budgetField,
        `the funding sources add up to ${budget.sum}, more than amountAwarded plus ownContribution (${budget.cap})`,
      );
    }
  }
}

/**
 * Creates a grant with its partners, funding sources and territories in one transaction: ADMIN, or
 * the officer of the awarding funder with the recipient's seat within its territories (checked
 * once the funder is known, before writing). Any refusal (unknown reference, taken agreement
 * number, sources over budget) rolls all of it back.
 */
export async function createGrant(db: Db, context: Viewer, input: CreateGrantInput): Promise<Grant> {
  const data = validateInput(createGrantSchema, input);
  const id = randomUUID();
  await inTransaction(db, async (tx) => {
    const { call, programme } = await checkReferences(tx, data, data.programmeId ?? null);
    const sources = data.fundingSources ?? [];
    // The awarding funder: given, else the call's, the programme's or the first source's.
    const funder = data.funderId
      ? { id: data.funderId, field: 'input.funderId' }
      : call
        ? { id: call.funderId, field: 'input.callId' }
        : programme
          ? { id: programme.funderId, field: 'input.programmeId' }
          : sources[0]
            ? { id: sources[0].funderId, field: 'input.fundingSources.0.funderId' }
            : null;
    if (!funder)
      throw AppError.badInput('input.funderId', 'give the awarding funder, a call, a programme or a funding source');
    const seat = await new SeatRepository(tx).seatOf(data.recipientId);
    const viewer = authorizeForFunder(
      context,
      'createGrant',
      grantScope(funder.id, seat, funder.field, 'input.recipientId'),
    );
    const programmeId = data.programmeId ?? call?.programmeId ?? null;
    await saveGrant(tx, grantRow(id, data, funder.id, programmeId), false, {
      partners: true,
      sources: true,
      territories: true,
      budgetField: 'input.fundingSources',
    });
    await recordAudit(tx, 'funding', viewer, {
      operation: 'createGrant',
      entityType: 'Grant',
      entityId: id,
      changedFields: givenFields(input),
      summary: grantSummary(data.title, seat, funder.id, data.recipientId, data.callId ?? null),
    });
  });
  const [row] = await new GrantRepository(db).byIds([id]);
  return toGrant(row!);
}

/** A stored grant in the shape of a validated input, for applying an update's changes to it. */
async function storedGrantData(grants: GrantRepository, row: GrantEntity): Promise<GrantData> {
  const amount = (value: string | null) =>
    value != null && row.currency ? { amount: value, currency: row.currency } : null;
  const partnerIds = await grants.storedPartnerIds(row.id);
  const sources = await grants.sourcesOf([row.id]);
  const territories = await grants.territoriesOf([row.id]);
  return {
    title: row.title,
    description: row.description,
    formOfSupport: row.formOfSupport as FormOfSupport,
    recipientId: row.recipientId,
    partnerIds,
    partnershipId: row.partnershipId,
    funderId: row.funderId,
    programmeId: row.programmeId,
    callId: row.callId,
    amountAwarded: amount(row.amountAwarded),
    ownContribution: amount(row.ownContribution),
    fundingSources: sources.map((s) => ({ funderId: s.funderId, amount: amount(s.amount) })),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    agreementNumber: row.agreementNumber,
    agreementSignedOn: row.agreementSignedOn,
    beneficiaryTerritories: territories.map((t) => t.code),
  };
}

/**
 * Changes the given fields of a grant in one transaction (lists given replace the stored ones). ADMIN,
 * or the officer of the grant's funder with the recipient's seat within its territories, on the stored
 * grant (locked) and on the changed one. The new state is validated like a new grant; the funder and
 * programme are never derived from a call here: give them.
 */
export async function updateGrant(db: Db, context: Viewer, id: string, input: UpdateGrantInput): Promise<Grant> {
  assertHubId(id, 'id');
  const given = Object.fromEntries(
    Object.entries(validateInput(updateGrantSchema, input)).filter(([, value]) => value !== undefined),
  ) as Partial<GrantData>;
  await inTransaction(db, async (tx) => {
    const grants = new GrantRepository(tx);
    const seats = new SeatRepository(tx);
    const stored = await grants.lockById(id);
    if (!stored) throw AppError.notFound('Grant', id);
    const storedSeat = await seats.seatOf(stored.recipientId);
    authorizeForFunder(context, 'updateGrant', grantScope(stored.funderId, storedSeat, 'id', 'id'));
    const data = validateInput(createGrantSchema, { ...(await storedGrantData(grants, stored)), ...given });
    const programmeId = data.programmeId ?? null;
    await checkReferences(tx, given, programmeId);
    // A new programme must agree with the call the grant keeps.
    if (given.programmeId && given.callId === undefined && stored.callId) {
      const [call] = await new CallRepository(tx).byIds([stored.callId]);
      if (call?.programmeId && call.programmeId !== given.programmeId)
        throw AppError.badInput('input.programmeId', "the grant's call belongs to another programme");
    }
    const seat = given.recipientId ? await seats.seatOf(given.recipientId) : storedSeat;
    const viewer = authorizeForFunder(
      context,
      'updateGrant',
      grantScope(data.funderId!, seat, 'input.funderId', 'input.recipientId'),
    );
    await saveGrant(tx, grantRow(id, data, data.funderId!, programmeId), true, {
      partners: given.partnerIds !== undefined || given.recipientId !== undefined,
      sources: given.fundingSources !== undefined,
      territories: given.beneficiaryTerritories !== undefined,
      budgetField: given.fundingSources !== undefined ? 'input.fundingSources' : 'input.amountAwarded',
    });
    await recordAudit(tx, 'funding', viewer, {
      operation: 'updateGrant',
      entityType: 'Grant',
      entityId: id,
      changedFields: givenFields(input),
      summary: grantSummary(data.title!, seat, data.funderId!, data.recipientId!, data.callId ?? null),
    });
  });
  const [row] = await new GrantRepository(db).byIds([id]);
  return toGrant(row!);
}
