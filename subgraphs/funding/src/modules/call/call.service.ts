import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '@ngo-hub/kit';
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
  territoryPrefixes,
  validateInput,
  warsawToday,
  type Connection,
  type PageArgs,
} from '@ngo-hub/kit';
import { money, moneySchema } from '../common/money.js';
import { territoryListSchema } from '../common/validation.js';
import { FunderRepository } from '../funder/funder.repository.js';
import type { CallEntity } from './call.entity.js';
import type { CallFilter, CreateCallInput } from './call.input.js';
import { callListQuery, CallRepository, type CallCriteria, type CallListQuery } from './call.repository.js';
import { Call, type CallSort } from './call.type.js';

export function toCall(row: CallEntity): Call {
  return Object.assign(new Call(), {
    id: row.id,
    title: row.title,
    description: row.description,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    budget: money(row.budgetAmount, row.budgetCurrency),
    url: row.url,
    funderId: row.funderId,
    programmeId: row.programmeId,
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

const createCallSchema = z
  .object({
    title: z.string().trim().min(1, 'a title is required').max(500),
    description: optionalTextSchema(10_000),
    funderId: hubIdSchema.nullish(),
    programmeId: hubIdSchema.nullish(),
    opensOn: localDateSchema,
    closesOn: localDateSchema.nullish(),
    budget: moneySchema.nullish(),
    eligibleTerritories: territoryListSchema.nullish(),
    url: z.url({ protocol: /^https?$/ }).nullish(),
  })
  .superRefine((call, ctx) => {
    if (call.closesOn && call.closesOn < call.opensOn)
      ctx.addIssue({ code: 'custom', path: ['closesOn'], message: 'closesOn is before opensOn' });
    if (!call.funderId && !call.programmeId)
      ctx.addIssue({ code: 'custom', path: ['funderId'], message: 'give the funder or a programme of the funder' });
  });

/** Creates a call and its eligible territories in one transaction. */
export async function createCall(db: Db, input: CreateCallInput): Promise<Call> {
  const data = validateInput(createCallSchema, input);
  const id = randomUUID();
  await inTransaction(db, async (tx) => {
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
      eligibleTerritories: data.eligibleTerritories ?? [],
    });
  });
  const [row] = await new CallRepository(db).byIds([id]);
  return toCall(row!);
}
