import { Migration } from '@mikro-orm/migrations';
import { touchParentSql, updatedAtFunctionsSql, updatedAtTriggerSql } from '@ngo-hub/kit';

/**
 * Incremental sync. Memberships and declarations get `updated_at` (existing rows: now, since when
 * they last changed is unknown, so a client syncing across this release sees them once). The
 * database keeps it on every change (a membership ended, a declaration decided); a membership is
 * part of its partnership (member count, lead partner), so its changes bump the partnership too.
 * `(updated_at, id)` serves `modifiedSince` and the UPDATED sort.
 */
export class Migration007_updated_at extends Migration {
  override name = 'Migration007_updated_at';

  override up(): void {
    this.addSql('alter table partnerships.membership add column updated_at timestamptz not null default now()');
    this.addSql('alter table partnerships.declaration add column updated_at timestamptz not null default now()');
    for (const statement of updatedAtFunctionsSql('partnerships')) this.addSql(statement);
    for (const table of ['partnership', 'membership', 'declaration'])
      this.addSql(updatedAtTriggerSql('partnerships', table));
    for (const statement of touchParentSql('partnerships', 'membership', 'partnership_id', 'partnership'))
      this.addSql(statement);
    this.addSql('create index partnership_updated_at_id_idx on partnerships.partnership (updated_at, id)');
    this.addSql('create index membership_updated_at_id_idx on partnerships.membership (updated_at, id)');
    this.addSql('create index declaration_updated_at_id_idx on partnerships.declaration (updated_at, id)');
    // Declarations are listed per partnership or per organisation.
    this.addSql(
      'create index declaration_partnership_updated_idx on partnerships.declaration (partnership_id, updated_at, id)',
    );
    this.addSql(
      'create index declaration_organisation_updated_idx on partnerships.declaration (organisation_id, updated_at, id)',
    );
  }
}
