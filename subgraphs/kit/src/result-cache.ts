import type { Db } from './orm.js';

/**
 * Versioned result caches for expensive read-only answers (analytics). A data version counter per
 * cache lives in the subgraph's schema and is bumped by statement triggers on every table the
 * answer depends on, in the same transaction as the write, so it cannot be forgotten by a code
 * path. Each request reads the version (one tiny statement) and reuses a cached answer only if it
 * was computed at that version: correct right after a change, and across replicas of a subgraph.
 */

/** Migration SQL creating the counter for `name` and the triggers that bump it on writes to `tables`. */
export function dataVersionSql(schema: string, name: string, tables: string[]): string[] {
  return [
    `create table if not exists ${schema}.data_version (name text primary key, version bigint not null)`,
    `insert into ${schema}.data_version (name, version) values ('${name}', 1) on conflict (name) do nothing`,
    `create or replace function ${schema}.bump_data_version() returns trigger language plpgsql as $$
      begin
        update ${schema}.data_version set version = version + 1 where name = any(tg_argv);
        return null;
      end $$`,
    ...tables.map(
      (table) => `create trigger ${table.replace(/\W/g, '_')}_${name}_version
      after insert or update or delete or truncate on ${schema}.${table}
      for each statement execute function ${schema}.bump_data_version('${name}')`,
    ),
  ];
}

interface Entry<T> {
  version: string;
  value: T;
}

/** An LRU of answers, each tagged with the data version it was computed at. */
export class VersionedResultCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly schema: string,
    private readonly name: string,
    private readonly capacity = 256,
  ) {}

  async get(em: Db, key: string, compute: () => Promise<T>): Promise<T> {
    const [row] = await em.execute(
      `/* ${this.name}.version */ select version::text as version from ${this.schema}.data_version where name = ?`,
      [this.name],
    );
    // Without its counter (a migration not applied, a table emptied by hand) nothing is cached.
    if (!row) return compute();
    const version = String(row.version);
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    // Computed after the version was read, so the answer is at least as new as the version it is filed under.
    const value = await compute();
    this.entries.set(key, { version, value });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
