/**
 * SQL that makes the database keep `updated_at`, so every write path (services, bulk loads, hand
 * fixes) agrees and incremental sync (`modifiedSince`, the UPDATED sort) never misses a change.
 * `clock_timestamp()`, not `now()`: rows written later in one long transaction get later instants.
 */

/** The two trigger functions of a schema (created once per schema, replaced freely). */
export function updatedAtFunctionsSql(schema: string): string[] {
  return [
    // Arguments: the columns that do not count as a change (updated_at itself, generated columns,
    // which a BEFORE trigger sees as null). A statement that only bumps updated_at keeps its value.
    `create or replace function ${schema}.f_set_updated_at() returns trigger language plpgsql as $$
      begin
        if (to_jsonb(new) - tg_argv) is distinct from (to_jsonb(old) - tg_argv) then
          new.updated_at := clock_timestamp();
        end if;
        return new;
      end $$`,
    // Arguments: the parent table and the child's column holding the parent id. Once per statement
    // over its transition rows, so a bulk load touches each parent once, not once per child row. The
    // national loader (`ngo_hub.bulk_load = on`) writes parents and children together, so it skips it.
    `create or replace function ${schema}.f_touch_parent() returns trigger language plpgsql as $$
      begin
        if current_setting('ngo_hub.bulk_load', true) = 'on' then
          return null;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          execute format('update %s p set updated_at = clock_timestamp() where p.id in (select distinct %I from new_rows)', tg_argv[0], tg_argv[1]);
        end if;
        if tg_op in ('DELETE', 'UPDATE') then
          execute format('update %s p set updated_at = clock_timestamp() where p.id in (select distinct %I from old_rows)', tg_argv[0], tg_argv[1]);
        end if;
        return null;
      end $$`,
  ];
}

/** `updated_at` set on every update that changes the row (`ignored`: generated columns besides updated_at). */
export function updatedAtTriggerSql(schema: string, table: string, ignored: string[] = []): string {
  const args = ['updated_at', ...ignored].map((c) => `'${c}'`).join(', ');
  return `create trigger ${table}_set_updated_at before update on ${schema}.${table}
    for each row execute function ${schema}.f_set_updated_at(${args})`;
}

/**
 * A child row (an event's organiser, a grant's partner…) is part of its parent's public entity:
 * inserting, changing or deleting one bumps the parent's `updated_at`. Transition tables allow one
 * event per trigger, hence three.
 */
export function touchParentSql(schema: string, child: string, column: string, parent: string): string[] {
  const call = `execute function ${schema}.f_touch_parent('${schema}.${parent}', '${column}')`;
  return [
    `create trigger ${child}_touch_insert after insert on ${schema}.${child}
      referencing new table as new_rows for each statement ${call}`,
    `create trigger ${child}_touch_update after update on ${schema}.${child}
      referencing old table as old_rows new table as new_rows for each statement ${call}`,
    `create trigger ${child}_touch_delete after delete on ${schema}.${child}
      referencing old table as old_rows for each statement ${call}`,
  ];
}
