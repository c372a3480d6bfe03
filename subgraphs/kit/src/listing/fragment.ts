/**
 * SQL pieces with their parameters, for the hand-written SQL run through `em.execute(sql, params)`
 * (which binds `?` markers in order). Composing fragments keeps markers and parameters in step.
 */
export class SqlFragment {
  constructor(
    readonly sql: string,
    readonly params: readonly unknown[] = [],
  ) {}
}

/**
 * `sql\`o.sector = ${value}\``: every interpolated value becomes a `?` marker and a parameter; an
 * interpolated fragment is inlined with its own parameters. A JS array would be expanded into a comma
 * list by the driver: pass `pgArrayLiteral(values)` and cast it (`${literal}::uuid[]`) instead.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof SqlFragment) {
      text += value.sql;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1]!;
  });
  return new SqlFragment(text, params);
}

/** Trusted SQL text without parameters (identifiers and expressions a module declares, never user input). */
export const rawSql = (text: string): SqlFragment => new SqlFragment(text);

/** Fragments joined by `separator`, their parameters in the same order. */
export function joinSql(parts: readonly SqlFragment[], separator: string): SqlFragment {
  return new SqlFragment(
    parts.map((p) => p.sql).join(separator),
    parts.flatMap((p) => p.params),
  );
}
