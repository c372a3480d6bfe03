import { Migration } from '@mikro-orm/migrations';
import { dataVersionSql } from '@ngo-hub/kit';

/** A data version for cached `cooperation` answers, bumped by any write to the precomputed pairs. */
export class Migration006_cooperation_cache extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261124100000_cooperation_cache';

  override up(): void {
    // The previous migration filled the pairs from existing links: give the planner their statistics.
    this.addSql('analyze organisations.cooperation_pair');
    for (const sql of dataVersionSql('organisations', 'cooperation', ['cooperation_pair'])) this.addSql(sql);
  }
}
