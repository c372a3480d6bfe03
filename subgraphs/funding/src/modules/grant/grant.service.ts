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
  refuseUnknownReferences,
  searchText,
  territoryPrefixes,
  unknownReferenceProblem,
  unknownReferences,
  validateInput,
  type Connection,
  type PageArgs,
} from '@ngo-hub/kit';
import { addDecimals, money, moneySchema, toCents } from '../common/money.js';
import { territoryListSchema, uniqueList } from '../common/validation.js';
import { CallRepository } from '../call/call.repository.js';
import { FunderRepository } from '../funder/funder.repository.js';
import type { GrantEntity } from './grant.entity.js';
import { recordParticipants } from './grant.outbox.js';
import type { CreateGrantInput, GrantFilter } from './grant.input.js';
import { grantListQuery, GrantRepository, type GrantCriteria, type GrantListQuery } from './grant.repository.js';
import { FormOfSupport, Grant, type GrantSort } from './grant.type.js';

export function toGrant(row: GrantEntity): Grant {
  return Object.assign(new Grant(), {
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

const createGrantSchema = z
  .object({
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
  })
  .superRefine((g, ctx) => {
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

type GrantData = z.infer<typeof createGrantSchema>;

function grantCurrency(g: Pick<GrantData, 'amountAwarded' | 'ownContribution' | 'fundingSources'>): string | null {
  return (
    g.amountAwarded?.currency ??
    g.ownContribution?.currency ??
    g.fundingSources?.find((s) => s.amount)?.amount?.currency ??
    null
  );
}

/**
 * Creates a grant with its partners, funding sources and territories in one transaction: any
 * refusal (unknown reference, taken agreement number, sources over budget) rolls all of it back.
 */
export async function createGrant(db: Db, input: CreateGrantInput): Promise<Grant> {
  const data = validateInput(createGrantSchema, input);
  const id = randomUUID();
  const sources = data.fundingSources ?? [];
  await inTransaction(db, async (tx) => {
    const funders = new FunderRepository(tx);
    const grants = new GrantRepository(tx);
    // Every reference that names nothing is collected and refused in one NOT_FOUND error: the
    // organisations and partnership against the replicas of what their owners published
    // (`known_id`), the call, programme and funders against this subgraph's own tables.
    const problems = await unknownReferences(tx, 'funding', [
      { kind: 'organisation', id: data.recipientId, field: 'input.recipientId' },
      ...(data.partnerIds ?? []).map((id, i) => ({
        kind: 'organisation' as const,
        id,
        field: `input.partnerIds.${i}`,
      })),
      ...(data.partnershipId
        ? [{ kind: 'partnership' as const, id: data.partnershipId, field: 'input.partnershipId' }]
        : []),
    ]);
    let programmeId = data.programmeId ?? null;
    let derivedFunderId: string | null = null;
    if (data.callId) {
      const [call] = await new CallRepository(tx).byIds([data.callId]);
      if (!call) problems.push(unknownReferenceProblem('Call', data.callId, 'input.callId'));
      else {
        if (programmeId && call.programmeId && call.programmeId !== programmeId) {
          throw AppError.badInput('input.callId', 'the call belongs to another programme than input.programmeId');
        }
        programmeId ??= call.programmeId;
        derivedFunderId = call.funderId;
      }
    }
    if (programmeId) {
      const [programme] = await funders.programmesByIds([programmeId]);
      if (!programme) problems.push(unknownReferenceProblem('Programme', programmeId, 'input.programmeId'));
      else derivedFunderId ??= programme.funderId;
    }
    const referenced = [
      ...(data.funderId ? [{ id: data.funderId, field: 'input.funderId' }] : []),
      ...sources.map((s, i) => ({ id: s.funderId, field: `input.fundingSources.${i}.funderId` })),
    ];
    if (referenced.length) {
      const known = new Set((await funders.fundersByIds(referenced.map((r) => r.id))).map((f) => f.id));
      for (const r of referenced) if (!known.has(r.id)) problems.push(unknownReferenceProblem('Funder', r.id, r.field));
    }
    refuseUnknownReferences(problems);
    const funderId = data.funderId ?? derivedFunderId ?? sources[0]?.funderId ?? null;
    if (!funderId)
      throw AppError.badInput('input.funderId', 'give the awarding funder, a call, a programme or a funding source');

    const agreementTaken = () =>
      new AppError(
        'CONFLICT',
        `agreement ${data.agreementNumber} is already recorded for this funder`,
        'input.agreementNumber',
      );
    if (data.agreementNumber && (await grants.agreementTaken(funderId, data.agreementNumber))) throw agreementTaken();

    // Two concurrent requests can both pass the check above; the unique index settles it.
    const inserted = await grants.insert({
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
      fundingSources: sources.map((s) => ({ funderId: s.funderId, amount: s.amount?.amount ?? null })),
      beneficiaryTerritories: data.beneficiaryTerritories ?? [],
    });
    if (!inserted) throw agreementTaken();
    // In the same transaction: a rolled-back grant publishes nothing.
    await recordParticipants(tx, id, data.recipientId, data.partnerIds ?? []);
    // Checked on the stored rows, in numeric: the rows above are rolled back when it fails.
    if (sources.some((s) => s.amount)) {
      const budget = await grants.sourcesWithinBudget(id);
      if (budget && !budget.ok) {
        throw AppError.badInput(
          'input.fundingSources',
          `the funding sources add up to ${budget.sum}, more than amountAwarded plus ownContribution (${budget.cap})`,
        );
      }
    }
  });
  const [row] = await new GrantRepository(db).byIds([id]);
  return toGrant(row!);
}
