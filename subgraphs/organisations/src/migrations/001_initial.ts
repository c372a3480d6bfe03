import { Migration } from '@mikro-orm/migrations';

/** The organisations schema: territories (TERC), organisations, their register identifiers. */
export class Migration001_initial extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261123000000_initial';

  override up(): void {
    // unaccent() is only STABLE; an IMMUTABLE wrapper lets expression indexes use it.
    this.addSql(`create or replace function organisations.f_unaccent(text) returns text
      language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`);

    this.addSql(`create table organisations.territory (
      code varchar(7) primary key check (code ~ '^[0-9]{2}([0-9]{2}([0-9]{3})?)?$'),
      name text not null,
      kind text not null,
      level text not null check (level in ('WOJEWODZTWO','POWIAT','GMINA','GMINA_PART','CITY_DISTRICT')),
      parent_code varchar(7) references organisations.territory (code),
      as_of date not null)`);
    this.addSql('create index territory_parent_code_idx on organisations.territory (parent_code)');
    this.addSql('create index territory_level_code_idx on organisations.territory (level, code varchar_pattern_ops)');

    this.addSql(`create table organisations.organisation (
      id uuid primary key,
      name text not null check (length(name) between 1 and 500),
      short_name text,
      sector text not null check (sector in ('PUBLIC','NGO','BUSINESS')),
      legal_form text not null,
      public_benefit boolean not null default false,
      description text,
      areas_of_activity text[] not null default '{}',
      street_address text,
      postal_code text check (postal_code ~ '^[0-9]{2}-[0-9]{3}$'),
      locality text,
      territory_code varchar(7) references organisations.territory (code),
      website text,
      email text,
      phone text,
      founded_on date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql('create index organisation_name_id_idx on organisations.organisation (name, id)');
    this.addSql(
      'create index organisation_territory_code_idx on organisations.organisation (territory_code varchar_pattern_ops)',
    );
    this.addSql(`create index organisation_search_trgm_idx on organisations.organisation
      using gin (organisations.f_unaccent(lower(name || ' ' || coalesce(short_name, ''))) public.gin_trgm_ops)`);

    this.addSql(`create table organisations.organisation_identifier (
      id uuid primary key,
      organisation_id uuid not null references organisations.organisation (id) on delete cascade,
      scheme text not null check (scheme in ('KRS','NIP','REGON')),
      value text not null,
      unique (scheme, value))`);
    this.addSql(
      'create index organisation_identifier_organisation_id_idx on organisations.organisation_identifier (organisation_id)',
    );
  }
}
