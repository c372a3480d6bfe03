import type { FunderRecord, ProgrammeRecord } from './funder.repository.js';
import { Funder, FunderKind, Programme } from './funder.type.js';

/** The one mapping to `Funder`. */
export function toFunder(row: FunderRecord): Funder {
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

/** The one mapping to `Programme`. */
export function toProgramme(row: ProgrammeRecord): Programme {
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
