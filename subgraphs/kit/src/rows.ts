/**
 * Read paths map raw rows straight to GraphQL types: hydrating ORM entities (and merging them into
 * the identity map) for rows only read costs more CPU than the rest of the mapping. The connection
 * keeps `timestamptz` values as PostgreSQL's text, which this turns into the `Date` the entities held.
 *
 * Each record type has one mapper of its own, an object literal naming every field (the
 * repositories' `<type>Record` functions), although they look alike: a generic snake_case-to-
 * camelCase copier would build each object key by key, which V8 keeps as slower dictionary-shaped
 * objects, on the path this exists to make cheap; and a few records are not a plain rename.
 */
const PG_TIMESTAMP =
  /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?)?$/;

/**
 * A `timestamptz` column's value as a `Date`, as the ORM parses it: PostgreSQL's text
 * (`2026-01-01 10:00:00.123456+01`, fraction truncated to milliseconds) or the ISO text of a
 * `to_jsonb` row (read here too, since `Date` cannot parse an offset with seconds, `+01:24:00`).
 */
export function timestampOf(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  const m = PG_TIMESTAMP.exec(text);
  if (!m) return new Date(text);
  const year = Number(m[1]);
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const date = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms));
  // Date.UTC reads years 0..99 as 1900..1999.
  if (year <= 99) date.setUTCFullYear(year);
  if (!m[8]) return date;
  const offset = (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0)) * 1000;
  return new Date(date.getTime() - (m[8] === '-' ? -offset : offset));
}

/** A nullable `timestamptz` column's value (see `timestampOf`). */
export function timestampOrNull(value: unknown): Date | null {
  return value == null ? null : timestampOf(value);
}
