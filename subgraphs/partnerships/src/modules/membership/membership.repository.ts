import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlPlaceholders, timestampOf } from '@ngo-hub/kit';
import { partnershipRecord, type PartnershipRecord } from '../partnership/partnership.repository.js';
import { MembershipEntity } from './membership.entity.js';

/** What reads of a membership return: its entity's fields, as a plain object (never an entity). */
export type MembershipRecord = Pick<
  MembershipEntity,
  'id' | 'organisationId' | 'role' | 'declarationSignedOn' | 'joinedOn' | 'leftOn' | 'createdAt' | 'updatedAt'
> & { partnership: { id: string } };

/** A `select m.*` row as a `MembershipRecord`: the one mapping of read paths. */
function membershipRecord(row: Record<string, unknown>): MembershipRecord {
  return {
    id: row.id as string,
    partnership: { id: row.partnership_id as string },
    organisationId: row.organisation_id as string,
    role: row.role as string,
    declarationSignedOn: row.declaration_signed_on as string | null,
    joinedOn: row.joined_on as string | null,
    leftOn: row.left_on as string | null,
    createdAt: timestampOf(row.created_at),
    updatedAt: timestampOf(row.updated_at),
  };
}

export interface NewMembershipRow {
  id: string;
  partnershipId: string;
  organisationId: string;
  role: string;
  declarationSignedOn: string | null;
  joinedOn: string | null;
  leftOn: string | null;
}

/** Lead partner first, then the coordination team, then members; within a role by start date. */
const ROLE_ORDER = `case m.role when 'LEAD_PARTNER' then 0 when 'COORDINATION_TEAM' then 1 else 2 end`;

/** All SQL about memberships; each statement is tagged with its name. */
export class MembershipRepository {
  constructor(private readonly em: EntityManager) {}

  private map(rows: Record<string, unknown>[]): MembershipEntity[] {
    return rows.map((row) => this.em.map(MembershipEntity, row));
  }

  async findByIds(ids: readonly string[]): Promise<MembershipRecord[]> {
    if (ids.length === 0) return [];
    return (
      await this.em.execute(
        `/* membership.findByIds */ select m.* from partnerships.membership m where m.id in (${sqlPlaceholders(ids)})`,
        [...ids],
      )
    ).map(membershipRecord);
  }

  /** Every membership (active and past) of the given partnerships, in one statement. */
  async ofPartnerships(partnershipIds: readonly string[]): Promise<MembershipRecord[]> {
    if (partnershipIds.length === 0) return [];
    return (
      await this.em.execute(
        `/* membership.ofPartnerships */ select m.* from partnerships.membership m
       where m.partnership_id in (${sqlPlaceholders(partnershipIds)})
       order by m.partnership_id, ${ROLE_ORDER}, m.joined_on nulls last, m.id`,
        [...partnershipIds],
      )
    ).map(membershipRecord);
  }

  /**
   * Every membership (active and past) of the given organisations, ordered by partnership name, each
   * with its partnership row: `membership.partnership` below it then needs no statement of its own.
   */
  async ofOrganisations(
    organisationIds: readonly string[],
  ): Promise<{ membership: MembershipRecord; partnership: PartnershipRecord }[]> {
    if (organisationIds.length === 0) return [];
    const rows = await this.em.execute(
      `/* membership.ofOrganisations */ select m.*, to_jsonb(p) as partnership_row from partnerships.membership m
       join partnerships.partnership p on p.id = m.partnership_id
       where m.organisation_id in (${sqlPlaceholders(organisationIds)})
       order by p.name, p.id, ${ROLE_ORDER}, m.joined_on nulls last, m.id`,
      [...organisationIds],
    );
    return rows.map(({ partnership_row, ...row }) => ({
      membership: membershipRecord(row),
      partnership: partnershipRecord(partnership_row as Record<string, unknown>),
    }));
  }

  /** Memberships of one partnership still active on `today` (call with the partnership row locked). */
  async activeOf(partnershipId: string, today: string): Promise<MembershipEntity[]> {
    return this.map(
      await this.em.execute(
        `/* membership.activeOf */ select m.* from partnerships.membership m
       where m.partnership_id = ? and (m.left_on is null or m.left_on > ?::date)`,
        [partnershipId, today],
      ),
    );
  }

  /**
   * Inserts a membership; with `ifMissing` a row clashing on its id (or on the open-membership unique
   * indexes) is skipped, so re-seeding never duplicates nor overwrites.
   */
  async insert(m: NewMembershipRow, ifMissing = false): Promise<MembershipEntity | null> {
    const rows = await this.em.execute(
      `/* membership.insert */ insert into partnerships.membership
         (id, partnership_id, organisation_id, role, declaration_signed_on, joined_on, left_on)
       values (?, ?, ?, ?, ?::date, ?::date, ?::date)
       ${ifMissing ? 'on conflict do nothing' : ''} returning *`,
      [m.id, m.partnershipId, m.organisationId, m.role, m.declarationSignedOn, m.joinedOn, m.leftOn],
    );
    return rows[0] ? this.em.map(MembershipEntity, rows[0]) : null;
  }

  async setLeftOn(id: string, leftOn: string): Promise<MembershipEntity> {
    const [row] = await this.em.execute(
      '/* membership.setLeftOn */ update partnerships.membership set left_on = ?::date where id = ? returning *',
      [leftOn, id],
    );
    return this.em.map(MembershipEntity, row!);
  }

  /** Locks one membership row for the rest of the transaction. */
  async lockForUpdate(id: string): Promise<MembershipEntity | null> {
    const [row] = await this.em.execute(
      '/* membership.lockForUpdate */ select m.* from partnerships.membership m where m.id = ? for update',
      [id],
    );
    return row ? this.em.map(MembershipEntity, row) : null;
  }
}
