import type { OptionalProps } from '@mikro-orm/core';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import {
  defineList,
  knownIdCondition,
  pgArrayLiteral,
  sql,
  territoryParent,
  territorySql,
  type Connection,
  type ListQuery,
  type PageRequest,
  type ParentLoaders,
  type SortKey,
  RecordSource,
  timestampOf,
} from '@ngo-hub/kit';
import { GrantEntity } from './grant.entity.js';
import { GrantSort } from './grant.type.js';

/** Filters of `grants(filter)` after validation. */
export interface GrantCriteria {
  search: string | null;
  funderId: string | null;
  programmeId: string | null;
  year: number | null;
  recipientId: string | null;
  territoryPrefixes: string[] | null;
  minAmount: string | null;
  maxAmount: string | null;
  /** ISO instant: only rows changed at or after it (see the engine's `updatedAt`). */
  modifiedSince: string | null;
}

/** Which grants of an organisation a loader key asks for. */
export type GrantRoleKey = 'ANY' | 'RECIPIENT' | 'PARTNER';

// Dates and money are read as text so nothing passes through a JS Date or float.
const GRANT_COLUMNS = `g.id, g.title, g.description, g.agreement_number, g.agreement_signed_on::text as agreement_signed_on,
  g.form_of_support, g.recipient_id, g.partnership_id, g.funder_id, g.programme_id, g.call_id, g.currency,
  g.amount_awarded::text as amount_awarded, g.own_contribution::text as own_contribution,
  g.starts_on::text as starts_on, g.ends_on::text as ends_on, g.created_at, g.updated_at, g.source`;

const ORDER = 'order by starts_on desc nulls last, id';

const NEWEST_KEYS: SortKey[] = [{ expr: 'g.starts_on', type: 'date', direction: 'desc', nullsLast: true }];

/**
 * The grant list (root `grants` and `Territory.grants`). Without `sort`: RELEVANCE with a search,
 * NEWEST without (RELEVANCE without a search ranks every grant alike, so it is NEWEST).
 */
export const grantList = defineList<GrantCriteria, GrantSort, 'territory'>({
  name: 'grant',
  table: 'funding.grant_award',
  alias: 'g',
  updatedAt: 'g.updated_at',
  columns: GRANT_COLUMNS,
  // Exactly the expression of the trigram index grant_award_title_search_idx, so searches use it.
  search: { schema: 'funding', indexed: 'funding.f_search_text(g.title)', sort: GrantSort.RELEVANCE },
  filters: {
    funder: (c) =>
      c.funderId
        ? sql`(g.funder_id = ${c.funderId}::uuid
      or exists (select 1 from funding.grant_funding_source s where s.grant_id = g.id and s.funder_id = ${c.funderId}::uuid))`
        : null,
    // The programme and every programme below it, however deep.
    programme: (c) =>
      c.programmeId
        ? sql`g.programme_id in (with recursive sub(id) as (
      select ${c.programmeId}::uuid union select p.id from funding.programme p join sub on p.parent_id = sub.id) select id from sub)`
        : null,
    year: (c) =>
      c.year != null
        ? sql`g.starts_on >= make_date(${c.year}, 1, 1) and g.starts_on < make_date(${c.year + 1}, 1, 1)`
        : null,
    recipient: (c) => (c.recipientId ? sql`g.recipient_id = ${c.recipientId}::uuid` : null),
    territory: (c) =>
      c.territoryPrefixes
        ? sql`exists (select 1 from funding.grant_beneficiary_territory t where t.grant_id = g.id and ${territorySql('t.territory_code', c.territoryPrefixes)})`
        : null,
    minAmount: (c) => (c.minAmount != null ? sql`g.amount_awarded >= ${c.minAmount}::numeric` : null),
    maxAmount: (c) => (c.maxAmount != null ? sql`g.amount_awarded <= ${c.maxAmount}::numeric` : null),
  },
  sorts: {
    [GrantSort.NEWEST]: NEWEST_KEYS,
    [GrantSort.OLDEST]: [{ expr: 'g.starts_on', type: 'date', nullsLast: true }],
    // numeric: compared exactly, never as a float.
    [GrantSort.AMOUNT_DESC]: [{ expr: 'g.amount_awarded', type: 'numeric', direction: 'desc', nullsLast: true }],
    [GrantSort.TITLE]: [{ expr: 'funding.f_polish_key(g.title) collate "C"', type: 'text' }],
  },
  defaultSort: GrantSort.NEWEST,
  parents: {
    // By beneficiary territory: each grant once under every requested territory it benefits.
    territory: territoryParent((t) => ({
      join: sql`join (select distinct tp.code, bt.grant_id from ${t.pairs}
        join funding.grant_beneficiary_territory bt on bt.territory_code like tp.prefix || '%') m on m.grant_id = g.id`,
      key: 'm.code',
    })),
  },
});

export type GrantListQuery = ListQuery<GrantCriteria, GrantSort>;

/** A validated grant list request; throws BAD_USER_INPUT on `after` for a foreign cursor. */
export function grantListQuery(criteria: GrantCriteria, sort: GrantSort | null, page: PageRequest): GrantListQuery {
  return grantList.query(criteria, sort, page);
}

export interface GrantInsert {
  id: string;
  title: string;
  description: string | null;
  agreementNumber: string | null;
  agreementSignedOn: string | null;
  formOfSupport: string;
  recipientId: string;
  partnershipId: string | null;
  funderId: string;
  programmeId: string | null;
  callId: string | null;
  currency: string | null;
  amountAwarded: string | null;
  ownContribution: string | null;
  startsOn: string | null;
  endsOn: string | null;
  partnerIds: string[];
  fundingSources: { funderId: string; amount: string | null }[];
  beneficiaryTerritories: string[];
  /** CONTRIBUTED unless the writer is the demo seeder (`update` leaves it as stored). */
  source?: RecordSource;
}

/** The grant row's columns after `id`, in the order `insert` and `update` name them. */
function rowValues(g: GrantInsert): unknown[] {
  return [
    g.title,
    g.description,
    g.agreementNumber,
    g.agreementSignedOn,
    g.formOfSupport,
    g.recipientId,
    g.partnershipId,
    g.funderId,
    g.programmeId,
    g.callId,
    g.currency,
    g.amountAwarded,
    g.ownContribution,
    g.startsOn,
    g.endsOn,
  ];
}

/** Runs `write`; false when a unique index refused it (the caller must then roll back). */
async function uniqueOrFalse(write: () => Promise<void>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) return false;
    throw error;
  }
}

/** What reads of a grant return: its entity's fields, as a plain object (never an entity). */
export type GrantRecord = Omit<GrantEntity, typeof OptionalProps>;

/** A `GRANT_COLUMNS` row as a `GrantRecord`: the one mapping of read paths. */
function grantRecord(row: Record<string, unknown>): GrantRecord {
  return {
    id: row.id as string,
    title: row.title as string,
    description: row.description as string | null,
    agreementNumber: row.agreement_number as string | null,
    agreementSignedOn: row.agreement_signed_on as string | null,
    formOfSupport: row.form_of_support as string,
    recipientId: row.recipient_id as string,
    partnershipId: row.partnership_id as string | null,
    funderId: row.funder_id as string,
    programmeId: row.programme_id as string | null,
    callId: row.call_id as string | null,
    currency: row.currency as string | null,
    amountAwarded: row.amount_awarded as string | null,
    ownContribution: row.own_contribution as string | null,
    startsOn: row.starts_on as string | null,
    endsOn: row.ends_on as string | null,
    createdAt: timestampOf(row.created_at),
    updatedAt: timestampOf(row.updated_at),
    source: row.source as string,
  };
}

/** All SQL about grants and their partners, sources and territories; each statement is tagged. */
export class GrantRepository {
  constructor(private readonly em: EntityManager) {}

  /** The root `grants` connection: one page statement, and a count only when `totalCount` is asked for. */
  list<T>(q: GrantListQuery, toNode: (row: GrantRecord) => T): Promise<Connection<T>> {
    return grantList.connection(this.em, q, (row) => toNode(grantRecord(row)));
  }

  /** The list under one territory, through the request's loaders: one statement for all territories. */
  ofTerritory<T>(
    loaders: ParentLoaders<GrantCriteria, GrantSort>,
    code: string,
    q: GrantListQuery,
    toNode: (row: GrantRecord) => T,
  ): Promise<Connection<T>> {
    return grantList.parentConnection(loaders, code, q, (row) => toNode(grantRecord(row)));
  }

  async byIds(ids: readonly string[]): Promise<GrantRecord[]> {
    const rows = await this.em.execute(
      `/* grant.byIds */ select ${GRANT_COLUMNS} from funding.grant_award g where g.id = any(?::uuid[])`,
      [pgArrayLiteral(ids)],
    );
    return rows.map(grantRecord);
  }

  /** The grants of many (organisation, role) pairs in one statement, each row tagged with its pair. */
  async byOrganisations(
    keys: readonly { organisationId: string; role: GrantRoleKey }[],
  ): Promise<{ organisationId: string; role: GrantRoleKey; grant: GrantRecord }[]> {
    if (keys.length === 0) return [];
    const rows = await this.em.execute(
      `/* grant.byOrganisations */ with k(organisation_id, role) as (select * from unnest(?::uuid[], ?::text[]))
       select k.organisation_id as key_organisation_id, k.role as key_role, ${GRANT_COLUMNS}
         from k join funding.grant_award g on g.recipient_id = k.organisation_id where k.role in ('ANY', 'RECIPIENT')
       union all
       select k.organisation_id, k.role, ${GRANT_COLUMNS}
         from k join funding.grant_partner gp on gp.organisation_id = k.organisation_id
         join funding.grant_award g on g.id = gp.grant_id where k.role in ('ANY', 'PARTNER')
       ${ORDER}`,
      [pgArrayLiteral(keys.map((k) => k.organisationId)), pgArrayLiteral(keys.map((k) => k.role))],
    );
    return rows.map(({ key_organisation_id, key_role, ...row }) => ({
      organisationId: key_organisation_id as string,
      role: key_role as GrantRoleKey,
      grant: grantRecord(row),
    }));
  }

  async byPartnerships(ids: readonly string[]): Promise<GrantRecord[]> {
    const rows = await this.em.execute(
      `/* grant.byPartnerships */ select ${GRANT_COLUMNS} from funding.grant_award g
       where g.partnership_id = any(?::uuid[]) order by g.starts_on desc nulls last, g.id`,
      [pgArrayLiteral(ids)],
    );
    return rows.map(grantRecord);
  }

  /**
   * Partners of many grants in their order: only organisations the hub knows (`known_id`), because
   * `partners` is a non-null list of non-null organisations and one the organisations subgraph
   * cannot resolve would fail the whole response at the gateway.
   */
  async partnersOf(grantIds: readonly string[]): Promise<{ grantId: string; organisationId: string }[]> {
    const rows = await this.em.execute(
      `/* grant.partners */ select p.grant_id, p.organisation_id from funding.grant_partner p
       where p.grant_id = any(?::uuid[]) and ${knownIdCondition('funding', 'organisation', 'p.organisation_id')} order by p.position`,
      [pgArrayLiteral(grantIds)],
    );
    return rows.map((r) => ({ grantId: r.grant_id as string, organisationId: r.organisation_id as string }));
  }

  async sourcesOf(
    grantIds: readonly string[],
  ): Promise<{ grantId: string; funderId: string; amount: string | null; currency: string | null }[]> {
    const rows = await this.em.execute(
      `/* grant.fundingSources */ select s.grant_id, s.funder_id, s.amount::text as amount, g.currency
       from funding.grant_funding_source s join funding.grant_award g on g.id = s.grant_id
       where s.grant_id = any(?::uuid[]) order by s.position`,
      [pgArrayLiteral(grantIds)],
    );
    return rows.map((r) => ({
      grantId: r.grant_id as string,
      funderId: r.funder_id as string,
      amount: r.amount as string | null,
      currency: r.currency as string | null,
    }));
  }

  async territoriesOf(grantIds: readonly string[]): Promise<{ grantId: string; code: string }[]> {
    const rows = await this.em.execute(
      `/* grant.territories */ select t.grant_id, t.territory_code from funding.grant_beneficiary_territory t
       where t.grant_id = any(?::uuid[]) order by t.territory_code`,
      [pgArrayLiteral(grantIds)],
    );
    return rows.map((r) => ({ grantId: r.grant_id as string, code: r.territory_code as string }));
  }

  /** The stored grant, locked until the transaction ends so the checks on it hold for the update. */
  async lockById(id: string): Promise<GrantEntity | null> {
    const [row] = await this.em.execute(
      `/* grant.lock */ select ${GRANT_COLUMNS} from funding.grant_award g where g.id = ?::uuid for update`,
      [id],
    );
    return row ? this.em.map(GrantEntity, row) : null;
  }

  /** Every partner of one grant as stored, in order (known to the hub or not): the state an update starts from. */
  async storedPartnerIds(grantId: string): Promise<string[]> {
    const rows = await this.em.execute(
      '/* grant.storedPartners */ select p.organisation_id from funding.grant_partner p where p.grant_id = ?::uuid order by p.position',
      [grantId],
    );
    return rows.map((r) => r.organisation_id as string);
  }

  /** Whether another grant of the funder than `exceptId` has this agreement number. */
  async agreementTaken(funderId: string, agreementNumber: string, exceptId: string | null = null): Promise<boolean> {
    const rows = await this.em.execute(
      `/* grant.agreementTaken */ select 1 from funding.grant_award g
       where g.funder_id = ?::uuid and g.agreement_number = ? and g.id is distinct from ?::uuid`,
      [funderId, agreementNumber, exceptId],
    );
    return rows.length > 0;
  }

  /**
   * Inserts a grant with its partners, sources and territories; run inside the caller's transaction.
   * False when a unique index refuses it (another grant of the funder has its agreement number: two
   * concurrent requests can both pass `agreementTaken`); the caller must then roll back.
   */
  insert(g: GrantInsert): Promise<boolean> {
    return uniqueOrFalse(async () => {
      await this.em.execute(
        `/* grant.insert */ insert into funding.grant_award (id, title, description, agreement_number, agreement_signed_on,
           form_of_support, recipient_id, partnership_id, funder_id, programme_id, call_id, currency, amount_awarded,
           own_contribution, starts_on, ends_on, source)
         values (?::uuid, ?, ?, ?, ?::date, ?, ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, ?::numeric, ?::numeric, ?::date, ?::date, ?)`,
        [g.id, ...rowValues(g), g.source ?? RecordSource.CONTRIBUTED],
      );
      await this.insertPartners(g.id, g.partnerIds);
      await this.insertSources(g.id, g.fundingSources);
      await this.insertTerritories(g.id, g.beneficiaryTerritories);
    });
  }

  /**
   * Writes a grant's new state: every column of the row, and the lists named in `replace` (the others
   * are left as stored). False when the agreement number's unique index refuses it, as for `insert`.
   */
  update(g: GrantInsert, replace: { partners: boolean; sources: boolean; territories: boolean }): Promise<boolean> {
    return uniqueOrFalse(async () => {
      await this.em.execute(
        `/* grant.update */ update funding.grant_award set title = ?, description = ?, agreement_number = ?,
           agreement_signed_on = ?::date, form_of_support = ?, recipient_id = ?::uuid, partnership_id = ?::uuid,
           funder_id = ?::uuid, programme_id = ?::uuid, call_id = ?::uuid, currency = ?, amount_awarded = ?::numeric,
           own_contribution = ?::numeric, starts_on = ?::date, ends_on = ?::date
         where id = ?::uuid`,
        [...rowValues(g), g.id],
      );
      if (replace.partners) {
        await this.em.execute('/* grant.deletePartners */ delete from funding.grant_partner where grant_id = ?::uuid', [
          g.id,
        ]);
        await this.insertPartners(g.id, g.partnerIds);
      }
      if (replace.sources) {
        await this.em.execute(
          '/* grant.deleteFundingSources */ delete from funding.grant_funding_source where grant_id = ?::uuid',
          [g.id],
        );
        await this.insertSources(g.id, g.fundingSources);
      }
      if (replace.territories) {
        await this.em.execute(
          '/* grant.deleteTerritories */ delete from funding.grant_beneficiary_territory where grant_id = ?::uuid',
          [g.id],
        );
        await this.insertTerritories(g.id, g.beneficiaryTerritories);
      }
    });
  }

  /**
   * Moves synthetic grants to the given dates (the demo layer is dated relative to the day of each
   * start); rows of any other source are never touched, nor rows already at those dates.
   */
  async moveSynthetic(
    dates: readonly { id: string; agreementSignedOn: string; startsOn: string; endsOn: string }[],
  ): Promise<void> {
    await this.em.execute(
      `/* grant.moveSynthetic */ update funding.grant_award g
       set agreement_signed_on = d.signed_on, starts_on = d.starts_on, ends_on = d.ends_on
       from unnest(?::uuid[], ?::date[], ?::date[], ?::date[]) as d(id, signed_on, starts_on, ends_on)
       where g.id = d.id and g.source = 'SYNTHETIC'
         and (g.agreement_signed_on, g.starts_on, g.ends_on) is distinct from (d.signed_on, d.starts_on, d.ends_on)`,
      [
        pgArrayLiteral(dates.map((d) => d.id)),
        pgArrayLiteral(dates.map((d) => d.agreementSignedOn)),
        pgArrayLiteral(dates.map((d) => d.startsOn)),
        pgArrayLiteral(dates.map((d) => d.endsOn)),
      ],
    );
  }

  private async insertPartners(grantId: string, partnerIds: readonly string[]): Promise<void> {
    if (partnerIds.length === 0) return;
    await this.em.execute(
      `/* grant.insertPartners */ insert into funding.grant_partner (grant_id, organisation_id, position)
       select ?::uuid, p.id, p.n - 1 from unnest(?::uuid[]) with ordinality as p(id, n)`,
      [grantId, pgArrayLiteral(partnerIds)],
    );
  }

  private async insertSources(grantId: string, sources: GrantInsert['fundingSources']): Promise<void> {
    if (sources.length === 0) return;
    await this.em.execute(
      `/* grant.insertFundingSources */ insert into funding.grant_funding_source (grant_id, funder_id, position, amount)
       select ?::uuid, s.funder_id, s.n - 1, s.amount from unnest(?::uuid[], ?::numeric[]) with ordinality as s(funder_id, amount, n)`,
      [grantId, pgArrayLiteral(sources.map((s) => s.funderId)), pgArrayLiteral(sources.map((s) => s.amount))],
    );
  }

  private async insertTerritories(grantId: string, codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    await this.em.execute(
      `/* grant.insertTerritories */ insert into funding.grant_beneficiary_territory (grant_id, territory_code)
       select ?::uuid, code from unnest(?::text[]) as code`,
      [grantId, pgArrayLiteral(codes)],
    );
  }

  /**
   * Adds up the stored source amounts in PostgreSQL numeric (exact) against amountAwarded plus
   * ownContribution. Null when the grant has no amountAwarded to compare with.
   */
  async sourcesWithinBudget(grantId: string): Promise<{ ok: boolean; sum: string; cap: string } | null> {
    const [row] = await this.em.execute(
      `/* grant.sourcesWithinBudget */ select coalesce(sum(s.amount), 0)::text as sum,
         (g.amount_awarded + coalesce(g.own_contribution, 0))::text as cap,
         coalesce(sum(s.amount), 0) <= g.amount_awarded + coalesce(g.own_contribution, 0) as ok
       from funding.grant_award g left join funding.grant_funding_source s on s.grant_id = g.id
       where g.id = ?::uuid and g.amount_awarded is not null group by g.id`,
      [grantId],
    );
    return row ? { ok: Boolean(row.ok), sum: String(row.sum), cap: String(row.cap) } : null;
  }
}
