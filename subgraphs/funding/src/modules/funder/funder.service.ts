import type { FunderEntity, ProgrammeEntity } from './funder.entity.js';
import { Funder, FunderKind, Programme } from './funder.type.js';

export function toFunder(row: FunderEntity): Funder {
  return Object.assign(new Funder(), {
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    id: row.id,
    name: row.name,
    kind: row.kind as FunderKind,
    country: row.country,
    description: row.description,
    organisationId: row.organisationId,
  });
}

export function toProgramme(row: ProgrammeEntity): Programme {
  return Object.assign(new Programme(), {
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    id: row.id,
    name: row.name,
    description: row.description,
    funderId: row.funderId,
    parentId: row.parentId,
  });
}
