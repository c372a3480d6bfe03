import { randomUUID } from 'node:crypto';
import {
  givenFields,
  inTransaction,
  recordAudit,
  type ChangeSummary,
  type Db,
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
  searchText,
  tercCodeSchema,
  territoryPrefixes,
  validateInput,
  warsawToday,
  type Connection,
  type PageArgs,
} from '@ngo-hub/kit';
import { authorizeForFunder } from '../common/access.js';
import { money, moneySchema } from '../common/money.js';
import { territoryListSchema } from '../common/validation.js';
import { FunderRepository } from '../funder/funder.repository.js';
import type { CallFilter, CreateCallInput, UpdateCallInput } from './call.input.js';
import {
  callListQuery,
  CallRepository,
  type CallCriteria,
  type CallListQuery,
  type CallRecord,
} from './call.repository.js';
import { Call, type CallSort } from './call.type.js';

/** The one mapping to `Call`: of read paths' plain records and of write paths' entities alike. */
export function toCall(row: CallRecord): Call {
  return Object.assign(new Call(), {
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    source: row.source as RecordSource,
    id: row.id,
    title: row.title,
    description: row.description,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    budget: money(row.budgetAmount, row.budgetCurrency),
    url: row.url,
    funderId: row.funderId,
    programmeId: row.programmeId,
    territoryCode: row.territoryCode,
  });
}

/** Open on the given Warsaw date: opened already and not past its deadline (both days included). */
export function isCallOpen(call: Pick<Call, 'opensOn' | 'closesOn'>, today = warsawToday()): boolean {
  return call.opensOn <= today && (call.closesOn === null || call.closesOn >= today);
}

export const MAX_CLOSING_WITHIN_DAYS = 365;

/** Validates the arguments of a call list (root `calls` or `Territory.calls`) before any SQL. */
export function callQuery(
  filter: CallFilter | null | undefined,
  sort: CallSort | null | undefined,
  args: PageArgs,
): CallListQuery {
  const page = pageRequest(args);
  const within = filter?.closingWithinDays ?? null;
  if (within !== null && (within < 1 || within > MAX_CLOSING_WITHIN_DAYS)) {
    throw AppError.badInput(
      'filter.closingWithinDays',
      `closingWithinDays must be between 1 and ${MAX_CLOSING_WITHIN_DAYS}, got ${within}`,
    );
  }
  const criteria: CallCriteria = {
    today: warsawToday(),
    search: searchText(filter?.search),
    open: filter?.open ?? null,
    closingWithinDays: within,
    funderId: assertHubId(filter?.funder, 'filter.funder'),
    territoryPrefixes: filter?.territory
      ? territoryPrefixes(assertTercCode(filter.territory, 'filter.territory'))
      : null,
    callTerritoryPrefixes: filter?.callTerritory
      ? territoryPrefixes(assertTercCode(filter.callTerritory, 'filter.callTerritory'))
      : null,
    modifiedSince: filter?.modifiedSince?.toISOString() ?? null,
  };
  return callListQuery(criteria, sort ?? null, page);
}

export async function listCalls(
  em: Db,
  filter: CallFilter | null | undefined,
  sort: CallSort | null | undefined,
  args: PageArgs,
): Promise<Connection<Call>> {
  return new CallRepository(em).list(callQuery(filter, sort, args), toCall);
}

const callFields = {
  title: z.string().trim().min(1, 'a title is required').max(500),
  description: optionalTextSchema(10_000),
  programmeId: hubIdSchema.nullish(),
  opensOn: localDateSchema,
  closesOn: localDateSchema.nullish(),
  budget: moneySchema.nullish(),
  eligibleTerritories: territoryListSchema.nullish(),
  territory: tercCodeSchema.nullish(),
  url: z.url({ protocol: /^https?$/ }).nullish(),
};

const createCallSchema = z.object({ ...callFields, funderId: hubIdSchema.nullish() }).superRefine((call, ctx) => {
  if (call.closesOn && call.closesOn < call.opensOn)
    ctx.addIssue({ code: 'custom', path: ['closesOn'], message: 'closesOn is before opensOn' });
  if (!call.funderId && !call.programmeId)
    ctx.addIssue({ code: 'custom', path: ['funderId'], message: 'give the funder or a programme of the funder' });
});

// Title and opening day may change but not be cleared; the dates are checked against the stored ones in the transaction.
const updateCallSchema = z.object({
  ...callFields,
  title: callFields.title.optional(),
  opensOn: localDateSchema.optional(),
});

const callScope = (funderId: string, territory: string | null, funderField: string, territoryField: string) => ({
  funderId,
  territory,
  funderField,
  territoryField,
  territoryName: "the call's territory",
});

/**
 * Creates a call and its eligible territories in one transaction: ADMIN, or the funder's officer with
 * the call's territory within its territories (checked once the funder is known, before writing).
 */
/** What subscribers are told about a call (public fields only). */
function callSummary(call: CallRecord): ChangeSummary {
  return {
    title: call.title,
    territoryCode: call.territoryCode,
    opensOn: call.opensOn,
    closesOn: call.closesOn,
    url: call.url,
    related: { funderId: call.funderId },
  };
}

export async function createCall(db: Db, context: Viewer, input: CreateCallInput): Promise<Call> {
  const data = validateInput(createCallSchema, input);
  const id = randomUUID();
  const row = await inTransaction(db, async (tx) => {
    const funders = new FunderRepository(tx);
    let funderId = data.funderId ?? null;
    if (data.programmeId) {
      const [programme] = await funders.programmesByIds([data.programmeId]);
      if (!programme) throw AppError.notFound('Programme', data.programmeId, 'input.programmeId');
      if (funderId && funderId !== programme.funderId)
        throw AppError.badInput('input.programmeId', 'the programme belongs to another funder');
      funderId = programme.funderId;
    } else if ((await funders.fundersByIds([funderId!])).length === 0) {
      throw AppError.notFound('Funder', funderId!, 'input.funderId');
    }
    const funderField = data.funderId ? 'input.funderId' : 'input.programmeId';
    const viewer = authorizeForFunder(
      context,
      'createCall',
      callScope(funderId!, data.territory ?? null, funderField, 'input.territory'),
    );
    await new CallRepository(tx).insert({
      id,
      title: data.title,
      description: data.description ?? null,
      programmeId: data.programmeId ?? null,
      funderId: funderId!,
      opensOn: data.opensOn,
      closesOn: data.closesOn ?? null,
      budgetAmount: data.budget?.amount ?? null,
      budgetCurrency: data.budget?.currency ?? null,
      url: data.url ?? null,
      territoryCode: data.territory ?? null,
      eligibleTerritories: data.eligibleTerritories ?? [],
    });
    const [stored] = await new CallRepository(tx).byIds([id]);
    await recordAudit(tx, 'funding', viewer, {
      operation: 'createCall',
      entityType: 'Call',
      entityId: id,
      changedFields: givenFields(input),
      summary: callSummary(stored!),
    });
    return stored!;
  });
  return toCall(row!);
}

/**
 * Changes the given fields of a call in one transaction. ADMIN, or the officer of the call's funder
 * with both the stored and the new territory within its territories; checked on the locked row.
 */
export async function updateCall(db: Db, context: Viewer, id: string, input: UpdateCallInput): Promise<Call> {
  assertHubId(id, 'id');
  const data = validateInput(updateCallSchema, input);
  const row = await inTransaction(db, async (tx) => {
    const calls = new CallRepository(tx);
    const stored = await calls.lockById(id);
    if (!stored) throw AppError.notFound('Call', id);
    authorizeForFunder(context, 'updateCall', callScope(stored.funderId, stored.territoryCode, 'id', 'id'));
    const viewer = authorizeForFunder(
      context,
      'updateCall',
      callScope(
        stored.funderId,
        data.territory !== undefined ? data.territory : stored.territoryCode,
        'id',
        'input.territory',
      ),
    );
    if (data.programmeId) {
      const [programme] = await new FunderRepository(tx).programmesByIds([data.programmeId]);
      if (!programme) throw AppError.notFound('Programme', data.programmeId, 'input.programmeId');
      if (programme.funderId !== stored.funderId)
        throw AppError.badInput('input.programmeId', "the programme belongs to another funder than the call's");
    }
    const opensOn = data.opensOn ?? stored.opensOn;
    const closesOn = data.closesOn !== undefined ? data.closesOn : stored.closesOn;
    if (closesOn && closesOn < opensOn)
      throw AppError.badInput(
        data.closesOn !== undefined ? 'input.closesOn' : 'input.opensOn',
        `closesOn (${closesOn}) is before opensOn (${opensOn})`,
      );
    await calls.update(id, {
      title: data.title,
      description: data.description,
      programmeId: data.programmeId,
      opensOn: data.opensOn,
      closesOn: data.closesOn,
      budgetAmount: data.budget === undefined ? undefined : (data.budget?.amount ?? null),
      budgetCurrency: data.budget === undefined ? undefined : (data.budget?.currency ?? null),
      url: data.url,
      territoryCode: data.territory,
    });
    if (data.eligibleTerritories !== undefined) await calls.setTerritories(id, data.eligibleTerritories ?? []);
    const [after] = await calls.byIds([id]);
    await recordAudit(tx, 'funding', viewer, {
      operation: 'updateCall',
      entityType: 'Call',
      entityId: id,
      changedFields: givenFields(input),
      summary: callSummary(after!),
    });
    return after!;
  });
  return toCall(row);
}
