import {
  AppError,
  assertTercCode,
  inTransaction,
  LEVEL_DEPTH,
  readTercRegister,
  tercRegister,
  type Db,
  type TercUnit,
  type TerritoryLevel as Level,
} from '@ngo-hub/kit';
import { TerritoryRepository } from './territory.repository.js';
import { Territory, TerritoryLevel } from './territory.type.js';

export function toTerritory(unit: TercUnit): Territory {
  return Object.assign(new Territory(), {
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    level: unit.level as TerritoryLevel,
    asOf: unit.asOf,
    parentCode: unit.parentCode,
  });
}

interface TerritoryIndex {
  byCode: Map<string, Territory>;
  /** Children of each unit, by code. */
  children: Map<string, readonly Territory[]>;
  /** Every unit of each level, by code. */
  atLevel: Map<string, readonly Territory[]>;
}

let index: TerritoryIndex | undefined;

/**
 * Territories are answered from the kit's in-memory register, not the `territory` table: the table
 * is synced from that same file at every start (`syncTerritories`), so a lookup costs no SQL. The
 * table stays for the SQL roll-ups that join it. Built once and shared by every request: the lists
 * are frozen; the units are not, since federation's `_entities` tags each with `__typename`.
 */
function territoryIndex(): TerritoryIndex {
  if (index) return index;
  const units = [...tercRegister().values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byCode = new Map<string, Territory>();
  const children = new Map<string, Territory[]>();
  const atLevel = new Map<string, Territory[]>();
  const push = (map: Map<string, Territory[]>, key: string, t: Territory) => {
    const list = map.get(key);
    if (list) list.push(t);
    else map.set(key, [t]);
  };
  for (const unit of units) {
    const territory = toTerritory(unit);
    byCode.set(unit.code, territory);
    if (unit.parentCode) push(children, unit.parentCode, territory);
    push(atLevel, unit.level, territory);
  }
  for (const list of [...children.values(), ...atLevel.values()]) Object.freeze(list);
  index = { byCode, children, atLevel };
  return index;
}

/** The units with these codes (null for a code the register lacks). */
export function territoriesByCodes(codes: readonly string[]): (Territory | null)[] {
  const { byCode } = territoryIndex();
  return codes.map((code) => byCode.get(code) ?? null);
}

/** The units directly under a unit, by code. */
export function territoryChildren(code: string): readonly Territory[] {
  return territoryIndex().children.get(code) ?? [];
}

/** Units at `level` whose code starts with `prefix` (all of them when prefix is empty), by code. */
function territoriesAtLevel(level: string, prefix: string): Territory[] {
  const all = territoryIndex().atLevel.get(level) ?? [];
  return prefix ? all.filter((t) => t.code.startsWith(prefix)) : [...all];
}

/**
 * Lists units for `territories(parent, level)`: without a parent, the voivodeships (or every unit
 * at `level` in Poland); with a parent, its children (or its descendants at `level`).
 */
export function listTerritories(
  parent: string | null | undefined,
  level: TerritoryLevel | null | undefined,
): Territory[] {
  if (parent == null) return territoriesAtLevel(level ?? TerritoryLevel.WOJEWODZTWO, '');
  const code = assertTercCode(parent, 'parent');
  if (level == null) return [...territoryChildren(code)];
  const parentLevel = tercRegister().get(code)!.level as Level;
  if (LEVEL_DEPTH[level] <= LEVEL_DEPTH[parentLevel as TerritoryLevel]) {
    throw AppError.badInput('level', `level ${level} is not below ${parentLevel} ${code}`);
  }
  const prefix = code.length === 7 ? code.slice(0, 6) : code;
  return territoriesAtLevel(level, prefix);
}

/**
 * Brings the territory table in line with the register file the kit ships. Cheap when nothing
 * changed (one statement comparing the unit count and the edition date), so it runs at every
 * start: the file, not hand-typed rows, is the source.
 */
export async function syncTerritories(db: Db): Promise<number> {
  const units = readTercRegister();
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are compared as strings, not numbers
  const asOf = units.reduce((newest, u) => (u.asOf > newest ? u.asOf : newest), '');
  const stored = await new TerritoryRepository(db).edition();
  if (stored.units === units.length && stored.asOf === asOf) return 0;
  await inTransaction(db, (tx) => new TerritoryRepository(tx).upsertAll(units));
  return units.length;
}
