import { Migration } from '@mikro-orm/migrations';
import { polishSqlFunctions } from '@ngo-hub/kit';

/**
 * Polish-aware search and ordering: the search index moves to `f_search_text(name)` (ł → l as well as
 * the other diacritics), name order to `f_polish_key(name) collate "C"` (Ł after L, Ż last), and the
 * "newest first" order gets its own index so every sort of the list reads an index, not the table.
 */
export class Migration002_polish_search extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261201000000_polish_search';

  override up(): void {
    for (const statement of polishSqlFunctions('partnerships')) this.addSql(statement);

    this.addSql('drop index if exists partnerships.partnership_search_trgm_idx');
    this.addSql(`create index partnership_search_trgm_idx on partnerships.partnership
      using gin (partnerships.f_search_text(name) public.gin_trgm_ops)`);

    this.addSql('drop index if exists partnerships.partnership_name_id_idx');
    this.addSql(`create index partnership_polish_name_idx on partnerships.partnership
      (partnerships.f_polish_key(name) collate "C", id)`);

    this.addSql(`create index partnership_established_idx on partnerships.partnership
      (established_on desc nulls last, id)`);
  }
}
