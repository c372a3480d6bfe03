import { Migration } from '@mikro-orm/migrations';

type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

/** The durable job table of jobs.ts, as a migration a subgraph with background work lists among its own. */
export function jobsMigration(schema: string): MigrationClass {
  return class Migration20261201000000_jobs extends Migration {
    override name = 'Migration20261201000000_jobs';

    override up(): void {
      this.addSql(`create table ${schema}.job (
        id uuid primary key,
        kind text not null,
        payload jsonb not null,
        dedupe_key text unique,
        state text not null default 'PENDING' check (state in ('PENDING','DONE','FAILED')),
        run_at timestamptz not null default now(),
        attempts integer not null default 0,
        locked_until timestamptz,
        last_error text,
        created_at timestamptz not null default now(),
        finished_at timestamptz)`);
      this.addSql(`create index job_due_idx on ${schema}.job (run_at) where state = 'PENDING'`);
    }
  };
}
