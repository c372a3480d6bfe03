import { Migration } from '@mikro-orm/migrations';
import { dataVersionSql } from '@ngo-hub/kit';

/** A data version for cached `fundingFlows` answers, bumped by any write to what they sum. */
export class Migration005_flows_cache extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261203000000_flows_cache';

  override up(): void {
    for (const sql of dataVersionSql('funding', 'funding_flows', [
      'grant_award',
      'grant_funding_source',
      'organisation_seat',
    ]))
      this.addSql(sql);
  }
}
