/** Shaping `cooperation` ties into a symmetric matrix of units. */

export interface UnitRef {
  code: string;
  name?: string | null;
}

/** One tie as the API returns it (`TerritoryTie`). */
export interface Tie {
  a: UnitRef;
  b: UnitRef;
  partnerships: number;
  grants: number;
  events: number;
}

export type Measure = 'total' | 'partnerships' | 'grants' | 'events';
export const MEASURES: Measure[] = ['total', 'partnerships', 'grants', 'events'];

export function measureOf(value: string | null | undefined): Measure {
  return MEASURES.includes(value as Measure) ? (value as Measure) : 'total';
}

export function strength(tie: Pick<Tie, 'partnerships' | 'grants' | 'events'>, measure: Measure): number {
  return measure === 'total' ? tie.partnerships + tie.grants + tie.events : tie[measure];
}

export interface Unit {
  code: string;
  name: string;
  /** Inside the territory of interest (the other end of a tie may lie outside it). */
  inside: boolean;
  /** Sum of the measure over the unit's ties. */
  weight: number;
}

export interface Matrix {
  units: Unit[];
  /** cells[i][j] = the tie between units[i] and units[j] (symmetric), null when none. */
  cells: (Tie | null)[][];
  /** Largest measure over the drawn cells. */
  max: number;
  /** Units left out to keep the picture readable. */
  hidden: number;
}

/** Whether a TERC code lies inside `territory` ("PL" = the whole country). */
export function inside(code: string, territory: string): boolean {
  return territory === 'PL' || code.startsWith(territory);
}

/**
 * Units (inside the territory first, then outside, each by code) and the symmetric matrix of ties;
 * with more than `maxUnits` units, the least connected ones (by the measure) are left out.
 */
export function buildMatrix(ties: Tie[], territory: string, measure: Measure = 'total', maxUnits = 40): Matrix {
  const units = new Map<string, Unit>();
  const add = (ref: UnitRef, w: number) => {
    const u = units.get(ref.code) ?? {
      code: ref.code,
      name: ref.name || ref.code,
      inside: inside(ref.code, territory),
      weight: 0,
    };
    u.weight += w;
    units.set(ref.code, u);
  };
  for (const t of ties) {
    const w = strength(t, measure);
    add(t.a, w);
    add(t.b, w);
  }
  let kept = [...units.values()];
  const hidden = Math.max(0, kept.length - maxUnits);
  if (hidden > 0) {
    kept = [...kept]
      .sort((x, y) => y.weight - x.weight || Number(y.inside) - Number(x.inside) || x.code.localeCompare(y.code))
      .slice(0, maxUnits);
  }
  kept.sort((x, y) => Number(y.inside) - Number(x.inside) || x.code.localeCompare(y.code));
  const index = new Map(kept.map((u, i) => [u.code, i]));
  const cells: (Tie | null)[][] = kept.map(() => kept.map(() => null));
  let max = 0;
  for (const t of ties) {
    const i = index.get(t.a.code);
    const j = index.get(t.b.code);
    if (i === undefined || j === undefined) continue;
    cells[i][j] = t;
    cells[j][i] = t;
    max = Math.max(max, strength(t, measure));
  }
  return { units: kept, cells, max, hidden };
}

/** Ties for the table alternative: strongest first, then by the codes. */
export function sortedTies(ties: Tie[], measure: Measure = 'total'): Tie[] {
  return [...ties].sort(
    (x, y) =>
      strength(y, measure) - strength(x, measure) ||
      x.a.code.localeCompare(y.a.code) ||
      x.b.code.localeCompare(y.b.code),
  );
}
