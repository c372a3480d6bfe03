import { Migration } from '@mikro-orm/migrations';
import { polishSqlFunctions } from '@ngo-hub/kit';

/** Polish-aware title search and ordering: kit's SQL functions and the indexes the list sorts use. */
export class Migration002_events_search extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261201000300_events_search';

  override up(): void {
    for (const statement of polishSqlFunctions('events')) this.addSql(statement);
    // Search now matches f_search_text(title) (ł → l as well); the old expression index would go unused.
    this.addSql('drop index if exists events.event_title_trgm_idx');
    this.addSql(
      'create index event_title_search_trgm_idx on events.event using gin (events.f_search_text(title) public.gin_trgm_ops)',
    );
    this.addSql(
      'create index event_title_polish_key_idx on events.event ((events.f_polish_key(title)) collate "C", id)',
    );
    // STARTS_AT_DESC: "starts_at desc nulls last, id asc" is not a backward scan of (starts_at, id).
    this.addSql('create index event_starts_at_desc_id_idx on events.event (starts_at desc nulls last, id)');
  }
}
