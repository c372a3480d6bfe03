import { Migration } from '@mikro-orm/migrations';

/**
 * Declarations of participation (an organisation asks to join; the coordination team accepts or
 * rejects) and a partnership's contact person (personal data, filtered where it is read).
 */
export class Migration006_declarations extends Migration {
  override name = 'Migration006_declarations';

  override up(): void {
    this.addSql(`alter table partnerships.partnership
      add column contact_name text check (length(contact_name) between 1 and 200),
      add column contact_email text,
      add column contact_phone text,
      add constraint partnership_contact_needs_name check (contact_name is not null or (contact_email is null and contact_phone is null))`);

    // organisation_id has no foreign key: organisations live in another subgraph (see 001).
    this.addSql(`create table partnerships.declaration (
      id uuid primary key,
      partnership_id uuid not null references partnerships.partnership (id) on delete cascade,
      organisation_id uuid not null,
      status text not null check (status in ('SUBMITTED','ACCEPTED','REJECTED','WITHDRAWN')),
      signed_on date not null,
      note text check (length(note) <= 2000),
      decided_on date,
      reason text check (length(reason) <= 2000),
      membership_id uuid references partnerships.membership (id) on delete set null,
      created_at timestamptz not null default now(),
      check ((status = 'SUBMITTED') = (decided_on is null)),
      check (status <> 'REJECTED' or reason is not null))`);
    // The service checks under the partnership's row lock; the index keeps any other writer to one open declaration.
    this.addSql(`create unique index declaration_one_open_idx on partnerships.declaration (partnership_id, organisation_id)
      where status = 'SUBMITTED'`);
    // The two lists (a partnership's, an organisation's), newest first.
    this.addSql(
      'create index declaration_partnership_created_idx on partnerships.declaration (partnership_id, created_at desc, id)',
    );
    this.addSql(
      'create index declaration_organisation_created_idx on partnerships.declaration (organisation_id, created_at desc, id)',
    );
  }
}
