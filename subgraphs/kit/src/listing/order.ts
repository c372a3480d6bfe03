import { AppError } from '../errors.js';
import { isUuid } from '../ids.js';
import { localDateSchema } from '../validation.js';
import { joinSql, rawSql, sql, SqlFragment } from './fragment.js';

/**
 * The SQL type a sort key is compared as. It decides how the key travels in a cursor (the text
 * below) and which cursor values are well-formed, so a forged cursor is refused before any SQL.
 */
export type KeyType = 'text' | 'date' | 'timestamptz' | 'numeric' | 'float8';

interface KeyRule {
  /** The cursor value of a key, as SQL over its column reference. */
  cursor: (ref: string) => string;
  valid: (value: unknown) => boolean;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const FLOAT_TEXT = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

const RULES: Record<KeyType, KeyRule> = {
  text: { cursor: (ref) => ref, valid: (v) => typeof v === 'string' && v.length <= 2000 },
  // Dates and exact decimals travel as PostgreSQL's own text, so nothing passes through a JS Date or float.
  date: {
    cursor: (ref) => `${ref}::text`,
    valid: (v) => typeof v === 'string' && localDateSchema.safeParse(v).success,
  },
  numeric: {
    cursor: (ref) => `${ref}::text`,
    valid: (v) => typeof v === 'string' && /^-?\d{1,20}(\.\d{1,10})?$/.test(v),
  },
  // Microseconds, so a cursor compares equal to the stored instant; cursors written by JS
  // (`toISOString`, milliseconds) before the engine still decode.
  timestamptz: {
    cursor: (ref) => `to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    valid: (v) => typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)),
  },
  // The driver reads float8 as a JS number, which JSON and the `?::float8` parameter carry exactly.
  // Text is accepted too: funding's cursors carried the rank as text before the engine.
  float8: {
    cursor: (ref) => ref,
    valid: (v) =>
      (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 40 && FLOAT_TEXT.test(v)),
  },
};

/** One sort key of a list; the row id (ascending) always follows the keys as the tie-breaker. */
export interface SortKey {
  /** SQL over the list's table alias; exactly an indexed expression where an index should serve the order. */
  expr: SqlFragment | string;
  type: KeyType;
  /** Ascending unless said otherwise. */
  direction?: 'asc' | 'desc';
  /** A nullable key: its nulls sort last in both directions. */
  nullsLast?: boolean;
  /**
   * For cursors issued before the engine that carry another value than the key: `value` is the SQL
   * of what the cursor carries, `bind` turns the cursor's `?` back into the key (e.g. the Polish key of a title).
   */
  cursor?: { value: string; bind: string };
}

/** An order of a list: `tag` leads its cursors (null: an untagged legacy cursor), then the keys. */
export interface SortOrder {
  tag: string | null;
  keys: readonly SortKey[];
}

/** The cursor value of key `i`, as SQL over the filtered rows `s` (see `list.ts`). */
export function cursorColumn(key: SortKey, i: number): string {
  return key.cursor ? `s.c${i}` : `${RULES[key.type].cursor(`s.k${i}`)} as c${i}`;
}

/**
 * Decodes `after` as a cursor of `order`: `[tag, ...key values, id]`. A cursor of another sort or
 * list, or a hand-made one, is BAD_USER_INPUT on `after` instead of reaching SQL.
 */
export function decodeAfter(order: SortOrder, after: readonly unknown[] | null): unknown[] | null {
  if (!after) return null;
  const values = order.tag === null ? [...after] : after.slice(1);
  const id = values.pop();
  const ok =
    (order.tag === null || after[0] === order.tag) &&
    values.length === order.keys.length &&
    typeof id === 'string' &&
    isUuid(id) &&
    order.keys.every((key, i) => (values[i] === null ? key.nullsLast === true : RULES[key.type].valid(values[i])));
  if (!ok) throw AppError.badInput('after', 'after is not a cursor returned by this list with this sort');
  return [...values, id];
}

/** The cursor of a fetched row: the tag, the keys' cursor values (`c0…`) and the id. */
export function cursorOf(order: SortOrder, row: Record<string, unknown>): unknown[] {
  const values = order.keys.map((_, i) => row[`c${i}`] ?? null);
  return order.tag === null ? [...values, row.id] : [order.tag, ...values, row.id];
}

/** `s.k0 desc nulls last, …, s.id`: the keys as columns of the filtered rows `s`. */
export function orderBy(order: SortOrder, alias = 's'): string {
  const keys = order.keys.map((k, i) => `${alias}.k${i} ${k.direction ?? 'asc'}${k.nullsLast ? ' nulls last' : ''}`);
  return [...keys, `${alias}.id`].join(', ');
}

/**
 * "Comes after the cursor" in `order`, over the filtered rows `s`. Built from the tie-breaker back:
 * trailing ascending non-null keys become one row comparison (`(s.k1, s.id) > (?, ?)`, which a
 * btree index serves); a nulls-last key keeps every null row after a keyed cursor, and after a
 * null-keyed cursor only the null rows beyond it on the following keys.
 */
export function keysetAfter(order: SortOrder, after: readonly unknown[] | null): SqlFragment {
  if (!after) return rawSql('true');
  const id = after.at(-1);
  let rest = sql`s.id > ${id}::uuid`;
  let row: { refs: string[]; binds: SqlFragment[] } | null = { refs: ['s.id'], binds: [sql`${id}::uuid`] };
  for (let i = order.keys.length - 1; i >= 0; i -= 1) {
    const key = order.keys[i]!;
    const value = after[i];
    const ref = `s.k${i}`;
    const bind = key.cursor ? new SqlFragment(key.cursor.bind, [value]) : sql`${value}::${rawSql(key.type)}`;
    if (!key.nullsLast && (key.direction ?? 'asc') === 'asc' && row) {
      row = { refs: [ref, ...row.refs], binds: [bind, ...row.binds] };
      rest = sql`(${rawSql(row.refs.join(', '))}) > (${joinSql(row.binds, ', ')})`;
      continue;
    }
    row = null;
    const beyond = rawSql(key.direction === 'desc' ? '<' : '>');
    if (key.nullsLast && value === null) rest = sql`(${rawSql(ref)} is null and ${rest})`;
    else if (key.nullsLast)
      rest = sql`(${rawSql(ref)} ${beyond} ${bind} or (${rawSql(ref)} = ${bind} and ${rest}) or ${rawSql(ref)} is null)`;
    else rest = sql`(${rawSql(ref)} ${beyond} ${bind} or (${rawSql(ref)} = ${bind} and ${rest}))`;
  }
  return rest;
}
