import { Migration } from '@mikro-orm/migrations';

/** API keys (only a hash of each secret) and the audit trail gathered from every subgraph. */
export class Migration001_access extends Migration {
  override name = 'Migration001_access';

  override up(): void {
    this.addSql(`create table access.api_key (
      id uuid primary key,
      name text not null check (length(name) between 1 and 200),
      role text not null check (role in ('ADMIN','ORGANISATION_EDITOR','COORDINATOR','FUNDER_OFFICER','PORTAL')),
      organisation_id uuid,
      partnership_id uuid,
      funder_id uuid,
      territories text[] not null default '{}',
      secret_hash char(64) not null unique,
      secret_prefix text not null,
      created_at timestamptz not null default now(),
      created_by text not null,
      revoked_at timestamptz,
      revoked_by text,
      last_used_at timestamptz,
      -- a role is bound to exactly the thing it acts for
      check ((role = 'ORGANISATION_EDITOR') = (organisation_id is not null)),
      check ((role = 'COORDINATOR') = (partnership_id is not null)),
      check ((role = 'FUNDER_OFFICER') = (funder_id is not null)),
      check (role in ('FUNDER_OFFICER','PORTAL') or territories = '{}'))`);
    this.addSql('create index api_key_created_idx on access.api_key (created_at desc, id)');

    this.addSql(`create table access.audit_entry (
      id uuid primary key,
      at timestamptz not null,
      actor_subject text not null,
      actor_name text not null,
      actor_role text not null,
      operation text not null,
      entity_type text not null,
      entity_id text not null,
      changed_fields text[] not null default '{}')`);
    this.addSql('create index audit_entry_at_idx on access.audit_entry (at desc, id)');
    this.addSql('create index audit_entry_actor_idx on access.audit_entry (actor_subject, at desc, id desc)');
    this.addSql('create index audit_entry_entity_idx on access.audit_entry (entity_type, entity_id, at desc, id desc)');
  }
}
