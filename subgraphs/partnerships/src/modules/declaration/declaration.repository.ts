import type { OptionalProps } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  defineList,
  isUuid,
  joinSql,
  sql,
  sqlPlaceholders,
  type Connection,
  type ListQuery,
  type ParentLoaders,
  timestampOf,
} from '@ngo-hub/kit';
import { DeclarationEntity } from './declaration.entity.js';
import { DeclarationSort } from './declaration.type.js';

export interface NewDeclarationRow {
  id: string;
  partnershipId: string;
  organisationId: string;
  signedOn: string;
  note: string | null;
}

/** What a decision (accept, reject, withdraw) sets. */
export interface DeclarationDecision {
  status: string;
  decidedOn: string;
  reason: string | null;
  membershipId: string | null;
}

/** Filters of a declaration list after validation. */
export interface DeclarationCriteria {
  /** Declarations are not searched; the engine's criteria may carry a search. */
  search?: null;
  status: string | null;
  /** ISO instant: only declarations changed at or after it (see the engine's `updatedAt`). */
  modifiedSince: string | null;
}

const normaliseId = (id: string) => (isUuid(id) ? id.toLowerCase() : null);
const idList = (ids: string[]) =>
  joinSql(
    ids.map((id) => sql`${id}::uuid`),
    ', ',
  );

/** A partnership's or an organisation's declarations, newest first (the indexes of the declarations migration). */
export const declarationList = defineList<DeclarationCriteria, DeclarationSort, 'partnership' | 'organisation'>({
  name: 'declaration',
  table: 'partnerships.declaration',
  alias: 'd',
  updatedAt: 'd.updated_at',
  filters: {
    status: (c) => (c.status ? sql`d.status = ${c.status}` : null),
  },
  sorts: { [DeclarationSort.NEWEST]: [{ expr: 'd.created_at', type: 'timestamptz', direction: 'desc' }] },
  defaultSort: DeclarationSort.NEWEST,
  parents: {
    partnership: {
      normalise: normaliseId,
      sql: (ids) => ({ where: sql`d.partnership_id in (${idList(ids)})`, key: 'd.partnership_id::text' }),
    },
    organisation: {
      normalise: normaliseId,
      sql: (ids) => ({ where: sql`d.organisation_id in (${idList(ids)})`, key: 'd.organisation_id::text' }),
    },
  },
});

export type DeclarationListQuery = ListQuery<DeclarationCriteria, DeclarationSort>;

/** What reads of a declaration return: its entity's fields, as a plain object (never an entity). */
export type DeclarationRecord = Omit<DeclarationEntity, typeof OptionalProps>;

/** A `select d.*` row as a `DeclarationRecord`: the one mapping of read paths. */
function declarationRecord(row: Record<string, unknown>): DeclarationRecord {
  return {
    id: row.id as string,
    partnershipId: row.partnership_id as string,
    organisationId: row.organisation_id as string,
    status: row.status as string,
    signedOn: row.signed_on as string,
    note: row.note as string | null,
    decidedOn: row.decided_on as string | null,
    reason: row.reason as string | null,
    membershipId: row.membership_id as string | null,
    createdAt: timestampOf(row.created_at),
    updatedAt: timestampOf(row.updated_at),
  };
}

/** All SQL about declarations; each statement is tagged with its name. */
export class DeclarationRepository {
  constructor(private readonly em: EntityManager) {}

  private one(rows: Record<string, unknown>[]): DeclarationEntity | null {
    return rows[0] ? this.em.map(DeclarationEntity, rows[0]) : null;
  }

  async findByIds(ids: readonly string[]): Promise<DeclarationRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute(
      `/* declaration.findByIds */ select d.* from partnerships.declaration d where d.id in (${sqlPlaceholders(ids)})`,
      [...ids],
    );
    return rows.map(declarationRecord);
  }

  /** Locks one declaration for the rest of the transaction, so two decisions on it run one after the other. */
  async lockForUpdate(id: string): Promise<DeclarationEntity | null> {
    return this.one(
      await this.em.execute(
        '/* declaration.lockForUpdate */ select d.* from partnerships.declaration d where d.id = ? for update',
        [id],
      ),
    );
  }

  /** The organisation's undecided declaration to the partnership, if any (at most one, by a unique index). */
  async openOf(partnershipId: string, organisationId: string): Promise<DeclarationEntity | null> {
    return this.one(
      await this.em.execute(
        `/* declaration.openOf */ select d.* from partnerships.declaration d
         where d.partnership_id = ? and d.organisation_id = ? and d.status = 'SUBMITTED'`,
        [partnershipId, organisationId],
      ),
    );
  }

  async insert(d: NewDeclarationRow): Promise<DeclarationEntity> {
    const rows = await this.em.execute(
      `/* declaration.insert */ insert into partnerships.declaration
         (id, partnership_id, organisation_id, status, signed_on, note)
       values (?, ?, ?, 'SUBMITTED', ?::date, ?) returning *`,
      [d.id, d.partnershipId, d.organisationId, d.signedOn, d.note],
    );
    return this.one(rows)!;
  }

  async decide(id: string, decision: DeclarationDecision): Promise<DeclarationEntity> {
    const rows = await this.em.execute(
      `/* declaration.decide */ update partnerships.declaration
       set status = ?, decided_on = ?::date, reason = ?, membership_id = ? where id = ? returning *`,
      [decision.status, decision.decidedOn, decision.reason, decision.membershipId, id],
    );
    return this.one(rows)!;
  }

  /** The list under one parent, through the request's loaders: one statement for all parents. */
  ofParent<T>(
    loaders: ParentLoaders<DeclarationCriteria, DeclarationSort>,
    parentId: string,
    q: DeclarationListQuery,
    toNode: (row: DeclarationRecord) => T,
  ): Promise<Connection<T>> {
    return declarationList.parentConnection(loaders, parentId, q, (row) => toNode(declarationRecord(row)));
  }
}
