import { Migration } from '@mikro-orm/migrations';

/**
 * The area a call is for (a city's or voivodeship's own competition): funder officers limited to
 * territories may only announce and edit calls inside them, and `calls(filter: { callTerritory })` finds them.
 */
export class Migration008_call_territory extends Migration {
  override up(): void {
    this.addSql(
      `alter table funding.call add column territory_code varchar(7) check (territory_code ~ '^[0-9]{2}([0-9]{2}([0-9]{3})?)?$')`,
    );
    // `territory_code like 'prefix%'` filters use it.
    this.addSql('create index call_territory_code_idx on funding.call (territory_code varchar_pattern_ops)');
  }
}
