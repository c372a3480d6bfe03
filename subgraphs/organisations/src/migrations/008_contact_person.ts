import { Migration } from '@mikro-orm/migrations';

/**
 * The organisation's contact person (personal data, read only by the identities docs/access.md
 * names). Three nullable columns: a person has a name, so e-mail and phone exist only with one.
 */
export class Migration008_contact_person extends Migration {
  override up(): void {
    this.addSql(`alter table organisations.organisation
      add column contact_name text check (length(contact_name) between 1 and 200),
      add column contact_email text,
      add column contact_phone text,
      add constraint organisation_contact_has_name check (contact_name is not null or (contact_email is null and contact_phone is null))`);
  }
}
