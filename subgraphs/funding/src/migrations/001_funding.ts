import { Migration } from '@mikro-orm/migrations';

const TERC = `'^[0-9]{2}([0-9]{2}([0-9]{3})?)?$'`;
const CURRENCY = `'^[A-Z]{3}$'`;

/**
 * The funding schema: funders, their programmes, calls for proposals and awarded grants.
 * Money is numeric(17,2) (exact); organisations, partnerships and territories are kept by key only.
 */
export class Migration001_funding extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261123000000_funding';

  override up(): void {
    // unaccent() is only STABLE; an IMMUTABLE wrapper lets expression indexes use it.
    this.addSql(`create or replace function funding.f_unaccent(text) returns text
      language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`);

    this.addSql(`create table funding.funder (
      id uuid primary key,
      name text not null check (length(name) between 1 and 500),
      kind text not null check (kind in ('PUBLIC_BUDGET','EU_FUND','FOREIGN_MECHANISM','FOUNDATION','COMPANY','OTHER')),
      organisation_id uuid,
      country char(2) check (country ~ '^[A-Z]{2}$'),
      description text,
      created_at timestamptz not null default now())`);
    this.addSql('create index funder_name_id_idx on funding.funder (name, id)');
    this.addSql('create index funder_organisation_id_idx on funding.funder (organisation_id)');

    this.addSql(`create table funding.programme (
      id uuid primary key,
      name text not null check (length(name) between 1 and 500),
      funder_id uuid not null references funding.funder (id),
      parent_id uuid references funding.programme (id),
      description text,
      created_at timestamptz not null default now(),
      check (parent_id <> id))`);
    this.addSql('create index programme_funder_id_idx on funding.programme (funder_id)');
    this.addSql('create index programme_parent_id_idx on funding.programme (parent_id)');

    this.addSql(`create table funding.call (
      id uuid primary key,
      title text not null check (length(title) between 1 and 500),
      description text,
      programme_id uuid references funding.programme (id),
      funder_id uuid not null references funding.funder (id),
      opens_on date not null,
      closes_on date check (closes_on >= opens_on),
      budget_amount numeric(17,2) check (budget_amount >= 0),
      budget_currency char(3) check (budget_currency ~ ${CURRENCY}),
      url text,
      created_at timestamptz not null default now(),
      check ((budget_amount is null) = (budget_currency is null)))`);
    this.addSql('create index call_closes_on_id_idx on funding.call (closes_on nulls last, id)');
    this.addSql('create index call_funder_id_idx on funding.call (funder_id)');
    this.addSql('create index call_programme_id_idx on funding.call (programme_id)');

    this.addSql(`create table funding.call_eligible_territory (
      call_id uuid not null references funding.call (id) on delete cascade,
      territory_code varchar(7) not null check (territory_code ~ ${TERC}),
      primary key (call_id, territory_code))`);
    this.addSql(
      'create index call_eligible_territory_code_idx on funding.call_eligible_territory (territory_code varchar_pattern_ops)',
    );

    // "grant" is an SQL keyword, hence grant_award.
    this.addSql(`create table funding.grant_award (
      id uuid primary key,
      title text not null check (length(title) between 1 and 500),
      description text,
      agreement_number text check (length(agreement_number) between 1 and 100),
      agreement_signed_on date,
      form_of_support text not null check (form_of_support in ('PUBLIC_TASK_SUPPORT','PUBLIC_TASK_ENTRUSTMENT','GRANT','REGRANTING','OTHER')),
      recipient_id uuid not null,
      partnership_id uuid,
      funder_id uuid not null references funding.funder (id),
      programme_id uuid references funding.programme (id),
      call_id uuid references funding.call (id),
      currency char(3) check (currency ~ ${CURRENCY}),
      amount_awarded numeric(17,2) check (amount_awarded >= 0),
      own_contribution numeric(17,2) check (own_contribution >= 0),
      starts_on date,
      ends_on date check (ends_on >= starts_on),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (currency is not null or (amount_awarded is null and own_contribution is null)))`);
    this.addSql(
      'create unique index grant_award_funder_agreement_uq on funding.grant_award (funder_id, agreement_number)',
    );
    this.addSql('create index grant_award_starts_on_id_idx on funding.grant_award (starts_on desc nulls last, id)');
    this.addSql('create index grant_award_recipient_id_idx on funding.grant_award (recipient_id)');
    this.addSql('create index grant_award_partnership_id_idx on funding.grant_award (partnership_id)');
    this.addSql('create index grant_award_programme_id_idx on funding.grant_award (programme_id)');
    this.addSql('create index grant_award_call_id_idx on funding.grant_award (call_id)');
    this.addSql('create index grant_award_amount_awarded_idx on funding.grant_award (amount_awarded)');
    this.addSql(`create index grant_award_title_trgm_idx on funding.grant_award
      using gin (funding.f_unaccent(lower(title)) public.gin_trgm_ops)`);

    this.addSql(`create table funding.grant_partner (
      grant_id uuid not null references funding.grant_award (id) on delete cascade,
      organisation_id uuid not null,
      position smallint not null,
      primary key (grant_id, organisation_id))`);
    this.addSql('create index grant_partner_organisation_id_idx on funding.grant_partner (organisation_id)');

    this.addSql(`create table funding.grant_funding_source (
      grant_id uuid not null references funding.grant_award (id) on delete cascade,
      funder_id uuid not null references funding.funder (id),
      position smallint not null,
      amount numeric(17,2) check (amount >= 0),
      primary key (grant_id, funder_id))`);
    this.addSql('create index grant_funding_source_funder_id_idx on funding.grant_funding_source (funder_id)');

    this.addSql(`create table funding.grant_beneficiary_territory (
      grant_id uuid not null references funding.grant_award (id) on delete cascade,
      territory_code varchar(7) not null check (territory_code ~ ${TERC}),
      primary key (grant_id, territory_code))`);
    this.addSql(
      'create index grant_beneficiary_territory_code_idx on funding.grant_beneficiary_territory (territory_code varchar_pattern_ops)',
    );
  }
}
