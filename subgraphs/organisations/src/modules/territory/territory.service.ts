import {
  AppError,
  assertTercCode,
  inTransaction,
  LEVEL_DEPTH,
  readTercRegister,
  tercRegister,
  type Db,
  type TerritoryLevel as Level,
} from '@ngo-hub/kit';
import type { TerritoryEntity } from './territory.entity.js';
import { TerritoryRepository } from './territory.repository.js';
import { Territory, TerritoryLevel } from './territory.type.js';

export function toTerritory(row: TerritoryEntity): Territory {
  return Object.assign(new Territory(), {
    code: row.code,
    name: row.name,
    kind: row.kind,
    level: row.level as TerritoryLevel,
    asOf: row.asOf,
    parentCode: row.parentCode,
  });
}

/**
 * Lists units for `territories(parent, level)`: without a parent, the voivodeships (or every unit
 * at `level` in Poland); with a parent, its children (or its descendants at `level`).
 */
export async function listTerritories(
  repo: TerritoryRepository,
  parent: string | null | undefined,
  level: TerritoryLevel | null | undefined,
): Promise<Territory[]> {
  if (parent == null) {
    const rows = await repo.findAtLevel(level ?? TerritoryLevel.WOJEWODZTWO, '');
    return rows.map(toTerritory);
  }
  const code = assertTercCode(parent, 'parent');
  if (level == null) return (await repo.findByParentCodes([code])).map(toTerritory);
  const parentLevel = tercRegister().get(code)!.level as Level;
  if (LEVEL_DEPTH[level] <= LEVEL_DEPTH[parentLevel as TerritoryLevel]) {
    throw AppError.badInput('level', `level ${level} is not below ${parentLevel} ${code}`);
  }
  const prefix = code.length === 7 ? code.slice(0, 6) : code;
  return (await repo.findAtLevel(level, prefix)).map(toTerritory);
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
