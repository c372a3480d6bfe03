import { Migration } from '@mikro-orm/migrations';

/**
 * The partnerships schema: partnerships and their Popolo-style memberships. `organisation_id` has no
 * foreign key: organisations live in another subgraph's schema, which this one never reads.
 */
export class Migration001_initial extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261123000000_initial';

  override up(): void {
    // unaccent() is only STABLE; an IMMUTABLE wrapper lets the trigram index use it.
    this.addSql(`create or replace function partnerships.f_unaccent(text) returns text
      language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`);

    this.addSql(`create table partnerships.partnership (
      id uuid primary key,
      name text not null check (length(name) between 1 and 500),
      description text,
      territory_code varchar(7) not null check (territory_code ~ '^[0-9]{2}([0-9]{2}([0-9]{3})?)?$'),
      additional_territory_codes varchar(7)[] not null default '{}',
      status text not null check (status in ('ACTIVE','FORMING','DISSOLVED')),
      themes text[] not null default '{}',
      established_on date,
      has_legal_personality boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql('create index partnership_name_id_idx on partnerships.partnership (name, id)');
    this.addSql(
      'create index partnership_territory_code_idx on partnerships.partnership (territory_code varchar_pattern_ops)',
    );
    this.addSql('create index partnership_themes_idx on partnerships.partnership using gin (themes)');
    this.addSql(`create index partnership_search_trgm_idx on partnerships.partnership
      using gin (partnerships.f_unaccent(lower(name)) public.gin_trgm_ops)`);

    this.addSql(`create table partnerships.membership (
      id uuid primary key,
      partnership_id uuid not null references partnerships.partnership (id) on delete cascade,
      organisation_id uuid not null,
      role text not null check (role in ('LEAD_PARTNER','COORDINATION_TEAM','MEMBER')),
      declaration_signed_on date,
      joined_on date,
      left_on date,
      created_at timestamptz not null default now(),
      check (left_on is null or joined_on is null or left_on >= joined_on))`);
    this.addSql('create index membership_partnership_id_idx on partnerships.membership (partnership_id)');
    this.addSql('create index membership_organisation_id_idx on partnerships.membership (organisation_id)');
    // The service enforces the rules under a lock on the partnership row (and counts a future left_on as
    // active, which an index cannot, as "today" moves); these indexes keep any other writer to the open case.
    this.addSql(`create unique index membership_one_open_lead_idx on partnerships.membership (partnership_id)
      where role = 'LEAD_PARTNER' and left_on is null`);
    this.addSql(`create unique index membership_one_open_per_organisation_idx on partnerships.membership (partnership_id, organisation_id)
      where left_on is null`);
  }
}
