import { Migration } from '@mikro-orm/migrations';

/**
 * Funding already received every organisation's seat event (its inbox holds their versions, so a
 * re-delivery is skipped): the organisations it knows are the ones it keeps a seat for.
 */
export class Migration007_known_organisations_from_seats extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261220100100_known_organisations_from_seats';

  override up(): void {
    this.addSql(
      `insert into funding.known_id (kind, id) select 'organisation', organisation_id from funding.organisation_seat on conflict do nothing`,
    );
  }
}
