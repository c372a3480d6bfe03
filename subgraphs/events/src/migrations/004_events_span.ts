import { Migration } from '@mikro-orm/migrations';

/**
 * The span an event occupies, for the date-range filter: from its start to its end, else to the end
 * of its day or month on the Warsaw calendar (DAY / MONTH precision), else the instant it starts;
 * null when undated. Generated (every function involved is immutable: `at time zone` with a fixed
 * zone name and timestamp ± interval), so writers and the bulk COPY need not fill it.
 */
export class Migration004_events_span extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261215000300_events_span';

  override up(): void {
    this.addSql(`alter table events.event add column span tstzrange generated always as (
      case when starts_at is not null then tstzrange(starts_at, coalesce(ends_at, case date_precision
        when 'MONTH' then ((starts_at at time zone 'Europe/Warsaw') + interval '1 month' - interval '1 millisecond') at time zone 'Europe/Warsaw'
        when 'DAY' then ((starts_at at time zone 'Europe/Warsaw') + interval '1 day' - interval '1 millisecond') at time zone 'Europe/Warsaw'
        else starts_at end), '[]') end) stored`);
    // Serves "overlaps [from, to]" (counts) and "running at from" (pages, see the repository).
    this.addSql('create index event_span_idx on events.event using gist (span)');
  }
}
