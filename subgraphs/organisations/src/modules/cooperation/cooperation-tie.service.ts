import { AppError, isUuid, toConnection, type Connection, type PageRequest } from '@ngo-hub/kit';
import { TerritoryLevel } from '../territory/territory.type.js';
import type { CooperationRepository, RankedTieRow, TieScope } from './cooperation.repository.js';
import { CooperationTie } from './cooperation-tie.type.js';
import { scopeTies } from './cooperation.service.js';

/** Tags `cooperationTies` cursors, so a cursor of another list is refused (as in kit's listing engine). */
const TIE_CURSOR = 'STRENGTH';
const UNIT_CODE = /^\d{2}(\d{2}(\d{3})?)?$/;

/** Decodes a `cooperationTies` cursor `[STRENGTH, strength, a, b]` (BAD_USER_INPUT on `after` otherwise). */
export function tieCursor(page: PageRequest): { strength: number; a: string; b: string } | null {
  if (!page.after) return null;
  const [tag, strength, a, b] = page.after;
  const ok =
    page.after.length === 4 &&
    tag === TIE_CURSOR &&
    Number.isInteger(strength) &&
    typeof a === 'string' &&
    UNIT_CODE.test(a) &&
    typeof b === 'string' &&
    UNIT_CODE.test(b);
  if (!ok) throw AppError.badInput('after', 'after is not a cursor returned by cooperationTies');
  return { strength: strength as number, a: a as string, b: b as string };
}

export function toCooperationTie(row: RankedTieRow, scope: TieScope): CooperationTie {
  return Object.assign(new CooperationTie(), {
    level: scope.level as TerritoryLevel,
    strength: row.strength,
    partnershipCount: row.partnerships,
    grantCount: row.grants,
    eventCount: row.events,
    aCode: row.a,
    bCode: row.b,
    scope: { level: scope.level, years: scope.years },
  });
}

/** One page of ties strongest first, and `totalCount`, from the scope's cached ties (cooperation.service.ts). */
export async function tiesConnection(
  repo: CooperationRepository,
  scope: TieScope,
  page: PageRequest,
): Promise<Connection<CooperationTie>> {
  const after = tieCursor(page);
  const { byStrength } = await scopeTies(repo, scope);
  const start = after
    ? byStrength.findIndex(
        (t) =>
          t.strength < after.strength ||
          (t.strength === after.strength && (t.a > after.a || (t.a === after.a && t.b > after.b))),
      )
    : 0;
  const rows = start < 0 ? [] : byStrength.slice(start, start + page.first + 1);
  return toConnection(
    rows,
    page,
    (r) => [TIE_CURSOR, r.strength, r.a, r.b],
    (r) => toCooperationTie(r, scope),
    async () => byStrength.length,
  );
}

/** Decodes the cursor of a tie's partnerships, grants or events: `[source id]`. */
export function sourceCursor(page: PageRequest): string | null {
  if (!page.after) return null;
  const [id] = page.after;
  if (page.after.length !== 1 || typeof id !== 'string' || !isUuid(id))
    throw AppError.badInput('after', 'after is not a cursor returned by this list');
  return id;
}
