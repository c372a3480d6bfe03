import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral } from '@ngo-hub/kit';
import { FunderEntity, ProgrammeEntity } from './funder.entity.js';

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

  async funders(): Promise<FunderEntity[]> {
    const rows = await this.em.execute('/* funder.all */ select f.* from funding.funder f order by f.name, f.id');
    return rows.map((r) => this.em.map(FunderEntity, r));
  }

  async fundersByIds(ids: readonly string[]): Promise<FunderEntity[]> {
    const rows = await this.em.execute(
      '/* funder.byIds */ select f.* from funding.funder f where f.id = any(?::uuid[])',
      [pgArrayLiteral(ids)],
    );
    return rows.map((r) => this.em.map(FunderEntity, r));
  }

  async programmes(funderId: string | null): Promise<ProgrammeEntity[]> {
    const rows = await this.em.execute(
      `/* programme.list */ select p.* from funding.programme p where (?::uuid is null or p.funder_id = ?::uuid) order by p.name, p.id`,
      [funderId, funderId],
    );
    return rows.map((r) => this.em.map(ProgrammeEntity, r));
  }

  async programmesByIds(ids: readonly string[]): Promise<ProgrammeEntity[]> {
    const rows = await this.em.execute(
      '/* programme.byIds */ select p.* from funding.programme p where p.id = any(?::uuid[])',
      [pgArrayLiteral(ids)],
    );
    return rows.map((r) => this.em.map(ProgrammeEntity, r));
  }

  async programmesByParents(parentIds: readonly string[]): Promise<ProgrammeEntity[]> {
    const rows = await this.em.execute(
      '/* programme.byParents */ select p.* from funding.programme p where p.parent_id = any(?::uuid[]) order by p.name, p.id',
      [pgArrayLiteral(parentIds)],
    );
    return rows.map((r) => this.em.map(ProgrammeEntity, r));
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
