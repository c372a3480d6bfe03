import { AppError } from './errors.js';
import { isUuid } from './ids.js';
import type { PageRequest } from './pagination.js';

/** The SQL type of a nullable sort key; it also decides which cursor values are well-formed. */
export type NullableKeyType = 'date' | 'timestamptz';

const WELL_FORMED: Record<NullableKeyType, (value: string) => boolean> = {
  date: (value) => /^\d{4}-\d{2}-\d{2}$/.test(value),
  timestamptz: (value) => !Number.isNaN(Date.parse(value)),
};

/** Where a page of a list ordered by `(<nullable key> nulls last, id)` starts. */
export interface NullsLastCursor {
  key: string | null;
  id: string;
}

/**
 * Decodes the `after` cursor `[key | null, id]` of such a list. Anything else (another list's
 * cursor, a hand-made one) is refused as BAD_USER_INPUT on `after` rather than reaching SQL.
 */
export function nullsLastCursor(page: PageRequest, type: NullableKeyType): NullsLastCursor | null {
  if (!page.after) return null;
  const [key, id] = page.after;
  const keyOk = key === null || (typeof key === 'string' && WELL_FORMED[type](key));
  if (page.after.length !== 2 || !keyOk || typeof id !== 'string' || !isUuid(id)) {
    throw AppError.badInput('after', 'after is not a cursor returned by this API');
  }
  return { key: key as string | null, id };
}

/**
 * The keyset condition "comes after the cursor" for `order by <column> <direction> nulls last, <idColumn>`.
 * A plain row comparison cannot express nulls last: after a keyed cursor every null-keyed row still
 * follows, and after a null-keyed cursor only null-keyed rows with a greater id do.
 */
export function afterNullsLast(
  order: { column: string; type: NullableKeyType; direction: 'asc' | 'desc'; idColumn: string },
  cursor: NullsLastCursor,
): { sql: string; params: unknown[] } {
  const { column, type, idColumn } = order;
  if (cursor.key === null) return { sql: `(${column} is null and ${idColumn} > ?::uuid)`, params: [cursor.id] };
  const beyond = order.direction === 'asc' ? '>' : '<';
  return {
    sql: `(${column} ${beyond} ?::${type} or (${column} = ?::${type} and ${idColumn} > ?::uuid) or ${column} is null)`,
    params: [cursor.key, cursor.key, cursor.id],
  };
}
