import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from './errors.js';

/** The levels of the TERC register; finer kinds are kept because portals show Warsaw's districts. */
export type TerritoryLevel = 'WOJEWODZTWO' | 'POWIAT' | 'GMINA' | 'GMINA_PART' | 'CITY_DISTRICT';

export interface TercUnit {
  code: string;
  name: string;
  /** The kind as GUS writes it, in Polish (`gmina wiejska`, `miasto na prawach powiatu`, ...). */
  kind: string;
  level: TerritoryLevel;
  parentCode: string | null;
  asOf: string;
}

/** The register file shipped with the kit: GUS TERYT, TERC part, with its edition date in `as_of` (docs/data.md). */
export const TERC_CSV_PATH = fileURLToPath(new URL('../data/teryt-terc.csv', import.meta.url));

const TERC_SHAPE = /^\d{2}(\d{2}(\d{3})?)?$/;

function levelOf(code: string, rodz: string): TerritoryLevel {
  if (code.length === 2) return 'WOJEWODZTWO';
  if (code.length === 4) return 'POWIAT';
  if (rodz === '4' || rodz === '5') return 'GMINA_PART';
  if (rodz === '8' || rodz === '9') return 'CITY_DISTRICT';
  return 'GMINA';
}

/** Splits one CSV line; the register quotes names that contain commas. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** Reads the register and resolves each unit's parent (a gmina part's gmina, a district's city). */
export function readTercRegister(path = TERC_CSV_PATH): TercUnit[] {
  const rows = readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1).map(splitCsvLine);
  const cityGminaOfPowiat = new Map<string, string>();
  for (const [code, , , , rodz] of rows) {
    if (code!.length === 7 && rodz === '1') cityGminaOfPowiat.set(code!.slice(0, 4), code!);
  }
  return rows.map(([code, , , , rodz, name, kind, asOf]) => {
    const level = levelOf(code!, rodz!);
    let parentCode: string | null = null;
    if (level === 'POWIAT') parentCode = code!.slice(0, 2);
    else if (level === 'GMINA') parentCode = code!.slice(0, 4);
    else if (level === 'GMINA_PART') parentCode = `${code!.slice(0, 6)}3`;
    else if (level === 'CITY_DISTRICT') parentCode = cityGminaOfPowiat.get(code!.slice(0, 4)) ?? code!.slice(0, 4);
    return { code: code!, name: name!, kind: kind!, level, parentCode, asOf: asOf! };
  });
}

let register: Map<string, TercUnit> | undefined;

/** The register in memory, read once: reference data every subgraph may validate against. */
export function tercRegister(): Map<string, TercUnit> {
  register ??= new Map(readTercRegister().map((u) => [u.code, u]));
  return register;
}

/**
 * Checks a TERC code argument: its shape first (2, 4 or 7 digits), then that the register has it.
 * Returns the code so callers can write `const code = assertTercCode(args.territory, 'territory')`.
 */
export function assertTercCode(code: string, field: string): string {
  if (!TERC_SHAPE.test(code)) {
    throw AppError.badInput(
      field,
      `"${code.slice(0, 20)}" is not a TERC code: use 2 digits for a voivodeship, 4 for a powiat, 7 for a gmina`,
    );
  }
  if (!tercRegister().has(code)) {
    throw new AppError('NOT_FOUND', `TERC code ${code} is not in the territorial register`, field);
  }
  return code;
}

let childrenIndex: Map<string, string[]> | undefined;

function childrenOf(code: string): string[] {
  if (!childrenIndex) {
    childrenIndex = new Map();
    for (const unit of tercRegister().values()) {
      if (!unit.parentCode) continue;
      const list = childrenIndex.get(unit.parentCode);
      if (list) list.push(unit.code);
      else childrenIndex.set(unit.parentCode, [unit.code]);
    }
  }
  return childrenIndex.get(code) ?? [];
}

/**
 * The code prefixes that together cover a unit and everything under it, for `LIKE 'prefix%'`
 * filters on a stored TERC code. A voivodeship or powiat is its own prefix; a gmina lists itself
 * and its parts or districts, since a part (`…4`, `…5`) or a Warsaw district does not start with the
 * gmina's 7-digit code.
 */
export function territoryPrefixes(code: string): string[] {
  if (code.length < 7) return [code];
  const codes: string[] = [];
  const visit = (c: string) => {
    codes.push(c);
    childrenOf(c).forEach(visit);
  };
  visit(code);
  return codes;
}

/** The unit at `level` that contains `code` (itself if already at that level), or null. */
export function ancestorAt(code: string, level: TerritoryLevel): string | null {
  let unit = tercRegister().get(code);
  while (unit && unit.level !== level) unit = unit.parentCode ? tercRegister().get(unit.parentCode) : undefined;
  return unit?.code ?? null;
}

/** SQL for "column lies in one of these territories", with its parameters (`?` placeholders). */
export function territoryCondition(column: string, prefixes: string[]): { sql: string; params: string[] } {
  return {
    sql: `(${prefixes.map(() => `${column} like ?`).join(' or ')})`,
    params: prefixes.map((p) => `${p}%`),
  };
}
