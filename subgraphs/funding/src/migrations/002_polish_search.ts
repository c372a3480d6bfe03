import { Migration } from '@mikro-orm/migrations';
import { polishSqlFunctions } from '@ngo-hub/kit';

/**
 * Polish-aware search and ordering for grants and calls: the search indexes cover
 * `f_search_text(title)` (ł → l as well as the other diacritics), title order reads
 * `f_polish_key(title) collate "C"` (Ł after L, Ż last), and each sort of the lists has an index.
 */
export class Migration002_polish_search extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261201000000_polish_search';

  override up(): void {
    for (const statement of polishSqlFunctions('funding')) this.addSql(statement);

    this.addSql('drop index if exists funding.grant_award_title_trgm_idx');
    this.addSql(`create index grant_award_title_search_idx on funding.grant_award
      using gin (funding.f_search_text(title) public.gin_trgm_ops)`);
    this.addSql(`create index grant_award_title_key_idx on funding.grant_award
      (funding.f_polish_key(title) collate "C", id)`);
    this.addSql('create index grant_award_starts_on_asc_id_idx on funding.grant_award (starts_on asc nulls last, id)');
    this.addSql(
      'create index grant_award_amount_desc_id_idx on funding.grant_award (amount_awarded desc nulls last, id)',
    );

    this.addSql(`create index call_title_search_idx on funding.call
      using gin (funding.f_search_text(title) public.gin_trgm_ops)`);
    this.addSql('create index call_opens_on_desc_id_idx on funding.call (opens_on desc, id)');
  }
}
