import { Migration } from '@mikro-orm/migrations';
import { polishSqlFunctions } from '@ngo-hub/kit';

/**
 * Polish-aware search and name ordering: the search index moves to `f_search_text` (ł → l as well
 * as the other diacritics) and names are ordered by `f_polish_key` under COLLATE "C", which the
 * btree index serves for every page of the NAME sort.
 */
export class Migration002_polish_search extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261201000000_polish_search';

  override up(): void {
    for (const statement of polishSqlFunctions('organisations')) this.addSql(statement);

    this.addSql('drop index if exists organisations.organisation_search_trgm_idx');
    this.addSql(`create index organisation_search_trgm_idx on organisations.organisation
      using gin (organisations.f_search_text(name || ' ' || coalesce(short_name, '')) public.gin_trgm_ops)`);

    this.addSql('drop index if exists organisations.organisation_name_id_idx');
    this.addSql(`create index organisation_polish_name_id_idx on organisations.organisation
      (organisations.f_polish_key(name) collate "C", id)`);
    this.addSql('create index organisation_created_at_id_idx on organisations.organisation (created_at desc, id)');
  }
}
