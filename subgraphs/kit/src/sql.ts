/**
 * Helpers for the hand-written SQL run through `em.execute(sql, params)`, which binds `?` markers
 * in order. Values always travel as parameters; these only shape the markers around them.
 */

/**
 * `?, ?, ?`: one marker per value, for `in (…)` with the values spread into the parameters. SQL has
 * no empty `in ()`, so callers skip the statement when there are no values.
 */
export function sqlPlaceholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/**
 * A PostgreSQL array literal (`{"a","b",NULL}`) bound as ONE parameter and cast in SQL, as in
 * `= any(?::uuid[])` or `values (?::text[])`. A JS array bound to `?` would be expanded into a
 * comma list, which breaks `any()` and an empty list; the literal works for 0..n values.
 * Every element is quoted and escaped, so any text is safe; `null` becomes an SQL NULL element.
 */
export function pgArrayLiteral(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}
