import { Migration } from '@mikro-orm/migrations';
import { dataVersionSql } from '@ngo-hub/kit';

/**
 * The year of each partnership, grant and event that ties organisations, as its owner publishes it
 * with the participants (kit's ParticipantsPayload): what `fromYear`/`toYear` of the cooperation
 * fields filter on. Filled as the owners re-send their messages with a year (their next start).
 */
export class Migration011_cooperation_year extends Migration {
  override name = 'Migration011_cooperation_year';

  override up(): void {
    this.addSql(`create table organisations.cooperation_source (
      kind text not null check (kind in ('PARTNERSHIP', 'GRANT', 'EVENT')),
      source_id uuid not null,
      year smallint,
      primary key (kind, source_id))`);
    // A year changing changes windowed answers: cached `cooperation` answers follow this table too.
    for (const sql of dataVersionSql('organisations', 'cooperation', ['cooperation_source'])) this.addSql(sql);
  }
}
