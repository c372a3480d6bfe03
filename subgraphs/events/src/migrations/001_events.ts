import { Migration } from '@mikro-orm/migrations';

/** The events schema: events with their venue flattened onto the row, and their organisers. */
export class Migration001_events extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261123000300_events';

  override up(): void {
    // unaccent() is only STABLE; an IMMUTABLE wrapper lets the title search index use it.
    this.addSql(`create or replace function events.f_unaccent(text) returns text
      language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`);

    this.addSql(`create table events.event (
      id uuid primary key,
      title text not null check (length(title) between 1 and 500),
      description text,
      kind text not null check (kind in ('WORKSHOP','TRAINING','CONFERENCE','MEETING','CONSULTATION','FESTIVAL','CULTURAL','SPORTS','STUDY_VISIT','FORUM','OTHER')),
      starts_at timestamptz,
      ends_at timestamptz,
      date_precision text not null check (date_precision in ('TIME','DAY','MONTH','UNKNOWN')),
      all_day boolean not null default false,
      duration_hours integer check (duration_hours > 0),
      venue_name text,
      venue_street_address text,
      venue_postal_code text check (venue_postal_code ~ '^[0-9]{2}-[0-9]{3}$'),
      venue_locality text,
      venue_territory_code varchar(7) check (venue_territory_code ~ '^[0-9]{2}([0-9]{2}([0-9]{3})?)?$'),
      partnership_id uuid,
      audience text[] not null default '{}',
      url text,
      status text not null default 'CONFIRMED' check (status in ('CONFIRMED','TENTATIVE','CANCELLED')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- a date is published exactly when the precision says one is
      check ((date_precision = 'UNKNOWN') = (starts_at is null)),
      check (ends_at is null or (starts_at is not null and ends_at >= starts_at)))`);
    // ascending btree order puts nulls last, matching "order by starts_at nulls last, id"
    this.addSql('create index event_starts_at_id_idx on events.event (starts_at, id)');
    this.addSql(
      'create index event_venue_territory_code_idx on events.event (venue_territory_code varchar_pattern_ops)',
    );
    this.addSql('create index event_partnership_id_idx on events.event (partnership_id, starts_at, id)');
    this.addSql(
      'create index event_title_trgm_idx on events.event using gin (events.f_unaccent(lower(title)) public.gin_trgm_ops)',
    );

    this.addSql(`create table events.event_organiser (
      event_id uuid not null references events.event (id) on delete cascade,
      organisation_id uuid not null,
      position smallint not null check (position >= 0),
      primary key (event_id, organisation_id))`);
    this.addSql(
      'create index event_organiser_organisation_id_idx on events.event_organiser (organisation_id, event_id)',
    );
  }
}
