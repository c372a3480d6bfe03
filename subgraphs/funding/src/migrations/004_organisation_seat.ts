import { Migration } from '@mikro-orm/migrations';

/**
 * Organisations' seats as received through the `TOPICS.organisationSeat` integration topic: funding
 * groups grants by the recipient's territory without reading the organisations schema.
 */
export class Migration004_organisation_seat extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261202000000_organisation_seat';

  override up(): void {
    this.addSql(`create table funding.organisation_seat (
      organisation_id uuid primary key,
      territory_code varchar(7))`);
    // `territory_code like 'prefix%'` filters use it.
    this.addSql(
      'create index organisation_seat_territory_code_idx on funding.organisation_seat (territory_code varchar_pattern_ops)',
    );
  }
}
