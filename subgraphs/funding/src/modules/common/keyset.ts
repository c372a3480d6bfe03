import { AppError, isUuid, type PageRequest } from '@ngo-hub/kit';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The decoded `after` cursor of a list ordered by (a nullable date, id); anything else is refused. */
export function dateIdCursor(page: PageRequest): { date: string | null; id: string } | null {
  if (!page.after) return null;
  const [date, id] = page.after;
  if (page.after.length !== 2 || typeof id !== 'string' || !isUuid(id) || (date !== null && (typeof date !== 'string' || !DATE.test(date)))) {
    throw AppError.badInput('after', 'after is not a cursor returned by this API');
  }
  return { date: date as string | null, id };
}

/**
 * The keyset condition "comes after the cursor" for `order by <column> <dir> nulls last, id`.
 * Rows with a null date come last, so after a dated cursor every null-dated row still follows.
 */
export function afterDateId(column: string, idColumn: string, direction: 'asc' | 'desc', cursor: { date: string | null; id: string }): { sql: string; params: unknown[] } {
  if (cursor.date === null) return { sql: `(${column} is null and ${idColumn} > ?::uuid)`, params: [cursor.id] };
  const beyond = direction === 'asc' ? '>' : '<';
  return {
    sql: `(${column} ${beyond} ?::date or (${column} = ?::date and ${idColumn} > ?::uuid) or ${column} is null)`,
    params: [cursor.date, cursor.date, cursor.id],
  };
}
