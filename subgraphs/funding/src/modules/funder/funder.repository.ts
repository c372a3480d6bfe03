import type { OptionalProps } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral, timestampOf } from '@ngo-hub/kit';
import type { FunderEntity, ProgrammeEntity } from './funder.entity.js';

/** What reads of a funder return: its entity's fields, as a plain object (never an entity). */
export type FunderRecord = Omit<FunderEntity, typeof OptionalProps>;
/** What reads of a programme return: its entity's fields, as a plain object (never an entity). */
export type ProgrammeRecord = Omit<ProgrammeEntity, typeof OptionalProps>;

/** A `select f.*` row as a `FunderRecord`: the one mapping of its reads. */
function funderRecord(row: Record<string, unknown>): FunderRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    kind: row.kind as string,
    organisationId: row.organisation_id as string | null,
    country: row.country as string | null,
    description: row.description as string | null,
    createdAt: timestampOf(row.created_at),
    updatedAt: timestampOf(row.updated_at),
  };
}

/** A `select p.*` row as a `ProgrammeRecord`: the one mapping of its reads. */
function programmeRecord(row: Record<string, unknown>): ProgrammeRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    funderId: row.funder_id as string,
    parentId: row.parent_id as string | null,
    description: row.description as string | null,
    createdAt: timestampOf(row.created_at),
    updatedAt: timestampOf(row.updated_at),
  };
}

export interface NewFunderRow {
  id: string;
  name: string;
  kind: string;
  organisationId: string | null;
  country: string | null;
  description: string | null;
}

export interface NewProgrammeRow {
  id: string;
  name: string;
  funderId: string;
  parentId: string | null;
  description: string | null;
}

/** All SQL about funders and programmes; each statement is tagged with its name. */
export class FunderRepository {
  constructor(private readonly em: EntityManager) {}

  async funders(): Promise<FunderRecord[]> {
    const rows = await this.em.execute('/* funder.all */ select f.* from funding.funder f order by f.name, f.id');
    return rows.map(funderRecord);
  }

  async fundersByIds(ids: readonly string[]): Promise<FunderRecord[]> {
    const rows = await this.em.execute(
      '/* funder.byIds */ select f.* from funding.funder f where f.id = any(?::uuid[])',
      [pgArrayLiteral(ids)],
    );
    return rows.map(funderRecord);
  }

  async programmes(funderId: string | null): Promise<ProgrammeRecord[]> {
    const rows = await this.em.execute(
      `/* programme.list */ select p.* from funding.programme p where (?::uuid is null or p.funder_id = ?::uuid) order by p.name, p.id`,
      [funderId, funderId],
    );
    return rows.map(programmeRecord);
  }

  async programmesByIds(ids: readonly string[]): Promise<ProgrammeRecord[]> {
    const rows = await this.em.execute(
      '/* programme.byIds */ select p.* from funding.programme p where p.id = any(?::uuid[])',
      [pgArrayLiteral(ids)],
    );
    return rows.map(programmeRecord);
  }

  async programmesByParents(parentIds: readonly string[]): Promise<ProgrammeRecord[]> {
    const rows = await this.em.execute(
      '/* programme.byParents */ select p.* from funding.programme p where p.parent_id = any(?::uuid[]) order by p.name, p.id',
      [pgArrayLiteral(parentIds)],
    );
    return rows.map(programmeRecord);
  }

  /** Inserts a funder unless its id exists (the idempotent seeder: existing rows and edits are kept). */
  async insertFunderIfMissing(f: NewFunderRow): Promise<void> {
    await this.em.execute(
      `/* funder.insert */ insert into funding.funder (id, name, kind, organisation_id, country, description)
       values (?::uuid, ?, ?, ?::uuid, ?, ?) on conflict (id) do nothing`,
      [f.id, f.name, f.kind, f.organisationId, f.country, f.description],
    );
  }

  /** Inserts a programme unless its id exists (the idempotent seeder). */
  async insertProgrammeIfMissing(p: NewProgrammeRow): Promise<void> {
    await this.em.execute(
      `/* programme.insert */ insert into funding.programme (id, name, funder_id, parent_id, description)
       values (?::uuid, ?, ?::uuid, ?::uuid, ?) on conflict (id) do nothing`,
      [p.id, p.name, p.funderId, p.parentId, p.description],
    );
  }
}
