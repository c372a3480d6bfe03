import {
  AppError,
  checkAggregationLevel,
  checkYearWindow,
  toConnection,
  VersionedResultCache,
  type Connection,
  type PageRequest,
} from '@ngo-hub/kit';
import { TerritoryLevel } from '../territory/territory.type.js';
import type {
  CooperationRepository,
  CooperationRow,
  RankedTieRow,
  TieLevel,
  TieRow,
  TieScope,
} from './cooperation.repository.js';
import { OrganisationCooperation, TerritoryTie } from './cooperation.type.js';

/** Checks `cooperation(territory, level)` (see kit's `checkAggregationLevel`). */
export function checkTieArguments(territory: string, level: TerritoryLevel): { prefixes: string[]; level: TieLevel } {
  const { prefixes, level: checked } = checkAggregationLevel(territory, level, 'ties are counted between');
  return { prefixes, level: checked };
}

/**
 * Checks the arguments of `cooperation` and `cooperationTies`: the territory (a TERC code or "PL"
 * for the whole country) and level, then the year window.
 */
export function tieScope(
  territory: string,
  level: TerritoryLevel,
  fromYear?: number | null,
  toYear?: number | null,
): TieScope {
  const { prefixes, level: checked } = checkTieArguments(territory, level);
  return { level: checked, prefixes, years: checkYearWindow(fromYear, toYear) };
}

/** A scope's ties in both orders the API lists them in: by codes (`cooperation`) and strongest first (`cooperationTies`). */
export interface ScopeTies {
  byCode: TieRow[];
  byStrength: RankedTieRow[];
}

const byCodes = (x: TieRow, y: TieRow) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0);

/**
 * Answers by arguments, valid while the `cooperation` data version stays the same (see kit's
 * result-cache): one aggregate per scope and version, then every page and count of it is read from
 * memory (a voivodeship by powiat is ~9,000 ties, whose aggregate alone takes 30–75 ms of SQL).
 */
const tiesCache = new VersionedResultCache<ScopeTies>('organisations', 'cooperation');

export function scopeTies(repo: CooperationRepository, scope: TieScope): Promise<ScopeTies> {
  return tiesCache.get(repo.em, JSON.stringify(scope), async () => {
    const byCode = await repo.ties(scope);
    const byStrength = byCode
      .map((r) => ({ ...r, strength: r.partnerships + r.grants + r.events }))
      .sort((x, y) => y.strength - x.strength || byCodes(x, y));
    return { byCode, byStrength };
  });
}

export async function listTies(repo: CooperationRepository, scope: TieScope): Promise<TerritoryTie[]> {
  const { byCode } = await scopeTies(repo, scope);
  return byCode.map((r) =>
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
