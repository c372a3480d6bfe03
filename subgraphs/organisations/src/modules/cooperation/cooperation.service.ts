import { AppError, assertTercCode, tercRegister, territoryPrefixes, toConnection, type Connection, type PageRequest } from '@ngo-hub/kit';
import { TerritoryLevel } from '../territory/territory.type.js';
import { CooperationRepository, type CooperationRow, type TieLevel } from './cooperation.repository.js';
import { OrganisationCooperation, TerritoryTie } from './cooperation.type.js';

const TIE_LEVELS: TieLevel[] = ['WOJEWODZTWO', 'POWIAT', 'GMINA'];
const DEPTH: Record<string, number> = { WOJEWODZTWO: 0, POWIAT: 1, GMINA: 2, GMINA_PART: 3, CITY_DISTRICT: 3 };

/**
 * Checks `cooperation(territory, level)`: the territory must exist, ties are between voivodeships,
 * powiats or gminas, and the level may not be above the territory (a gmina holds no voivodeship).
 */
export function checkTieArguments(territory: string, level: TerritoryLevel): { prefixes: string[]; level: TieLevel } {
  const code = assertTercCode(territory, 'territory');
  if (!TIE_LEVELS.includes(level as TieLevel)) {
    throw AppError.badInput('level', 'ties are counted between voivodeships, powiats or gminas: use WOJEWODZTWO, POWIAT or GMINA');
  }
  const own = tercRegister().get(code)!.level;
  if (DEPTH[level]! < DEPTH[own]!) {
    throw AppError.badInput('level', `level ${level} is above ${own} ${code}: no ${level.toLowerCase()} lies inside it`);
  }
  return { prefixes: territoryPrefixes(code), level: level as TieLevel };
}

export async function listTies(repo: CooperationRepository, territory: string, level: TerritoryLevel): Promise<TerritoryTie[]> {
  const args = checkTieArguments(territory, level);
  const rows = await repo.ties(args.level, args.prefixes);
  return rows.map((r) => Object.assign(new TerritoryTie(), { aCode: r.a, bCode: r.b, partnerships: r.partnerships, grants: r.grants, events: r.events }));
}

export function toCooperation(row: CooperationRow): OrganisationCooperation {
  return Object.assign(new OrganisationCooperation(), {
    organisationId: row.other_id, partnerships: row.partnerships, grants: row.grants, events: row.events, total: row.total,
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

export function cooperationConnection(rows: OrganisationCooperation[], page: PageRequest, count: () => Promise<number>): Connection<OrganisationCooperation> {
  return toConnection(rows, page, (r) => [r.total, r.organisationId], (r) => r, count);
}
