import {
  AppError,
  checkAggregationLevel,
  toConnection,
  VersionedResultCache,
  type Connection,
  type PageRequest,
} from '@ngo-hub/kit';
import { TerritoryLevel } from '../territory/territory.type.js';
import { CooperationRepository, type CooperationRow, type TieLevel, type TieRow } from './cooperation.repository.js';
import { OrganisationCooperation, TerritoryTie } from './cooperation.type.js';

/** Checks `cooperation(territory, level)` (see kit's `checkAggregationLevel`). */
export function checkTieArguments(territory: string, level: TerritoryLevel): { prefixes: string[]; level: TieLevel } {
  const { prefixes, level: checked } = checkAggregationLevel(territory, level, 'ties are counted between');
  return { prefixes, level: checked };
}

/** Answers by arguments, valid while the `cooperation` data version stays the same (see kit's result-cache). */
const tiesCache = new VersionedResultCache<TieRow[]>('organisations', 'cooperation');

export async function listTies(
  repo: CooperationRepository,
  territory: string,
  level: TerritoryLevel,
): Promise<TerritoryTie[]> {
  const args = checkTieArguments(territory, level);
  const rows = await tiesCache.get(repo.em, JSON.stringify(args), () => repo.ties(args.level, args.prefixes));
  return rows.map((r) =>
    Object.assign(new TerritoryTie(), {
      aCode: r.a,
      bCode: r.b,
      partnerships: r.partnerships,
      grants: r.grants,
      events: r.events,
    }),
  );
}

export function toCooperation(row: CooperationRow): OrganisationCooperation {
  return Object.assign(new OrganisationCooperation(), {
    organisationId: row.other_id,
    partnerships: row.partnerships,
    grants: row.grants,
    events: row.events,
    total: row.total,
  });
}

/** Decodes a `cooperatesWith` cursor `[total, organisation id]`. */
export function cooperationCursor(page: PageRequest): { total: number; id: string } | null {
  if (!page.after) return null;
  const [total, id] = page.after;
  if (page.after.length !== 2 || !Number.isInteger(total) || typeof id !== 'string') {
    throw AppError.badInput('after', 'after is not a cursor returned by this API');
  }
  return { total: total as number, id };
}

export function cooperationConnection(
  rows: OrganisationCooperation[],
  page: PageRequest,
  count: () => Promise<number>,
): Connection<OrganisationCooperation> {
  return toConnection(
    rows,
    page,
    (r) => [r.total, r.organisationId],
    (r) => r,
    count,
  );
}
