/**
 * A PostgreSQL array literal for one `?` parameter (`= any(?::uuid[])`). MikroORM inlines a JS array
 * as a comma list, which breaks `any()` and an empty list; a quoted literal works for 0..n values.
 * A null element is written as an unquoted NULL.
 */
export function pgArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}
