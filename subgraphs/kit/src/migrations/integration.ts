import { Migration } from '@mikro-orm/migrations';

type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

/** The outbox and inbox tables, as a migration every subgraph lists among its own. */
export function integrationMigration(schema: string): MigrationClass {
  return class Migration20261123100000_integration extends Migration {
    override name = 'Migration20261123100000_integration';

    override up(): void {
      this.addSql(`create sequence ${schema}.outbox_version`);
      this.addSql(`create table ${schema}.outbox (
        topic text not null,
        key text not null,
        payload jsonb,
        version bigint not null,
        recorded_at timestamptz not null default now(),
        delivered_to text[] not null default '{}',
        primary key (topic, key))`);
      this.addSql(`create index outbox_recorded_at_idx on ${schema}.outbox (recorded_at)`);
      this.addSql(`create table ${schema}.inbox (
        publisher text not null,
        topic text not null,
        key text not null,
        version bigint not null,
        primary key (publisher, topic, key))`);
    }
  };
}
