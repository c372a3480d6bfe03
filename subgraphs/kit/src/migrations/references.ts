import { Migration } from '@mikro-orm/migrations';
import type { Topic } from '../topics.js';

type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

/** The `known_id` replica table, as a migration a subscribing subgraph lists among its own. */
export function knownIdsMigration(schema: string): MigrationClass {
  return class Migration20261220100000_known_ids extends Migration {
    override name = 'Migration20261220100000_known_ids';

    override up(): void {
      this.addSql(`create table ${schema}.known_id (
        kind text not null,
        id uuid not null,
        primary key (kind, id))`);
    }
  };
}

/**
 * For a publisher: marks the topics' outbox rows undelivered, so subscribers that started keeping a
 * replica from them receive the current state once (a subscriber had been sent these rows before,
 * when it had no handler for them, and had dropped them). Receivers that already applied a row skip
 * it through their inbox.
 */
export function redeliverMigration(schema: string, topics: readonly Topic[]): MigrationClass {
  return class Migration20261220100000_redeliver_for_known_ids extends Migration {
    override name = 'Migration20261220100000_redeliver_for_known_ids';

    override up(): void {
      this.addSql(
        `update ${schema}.outbox set delivered_to = '{}' where topic in (${topics.map((t) => `'${t.name.replace(/'/g, "''")}'`).join(', ')})`,
      );
    }
  };
}
