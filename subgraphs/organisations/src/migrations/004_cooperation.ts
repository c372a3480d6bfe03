import { Migration } from '@mikro-orm/migrations';

/**
 * The cooperation read model: which organisations take part together in a partnership, a grant or
 * an event. The owners (partnerships, funding, events) send these sets as integration events; this
 * subgraph joins them with the seats it owns to answer `cooperation` and `cooperatesWith`.
 */
export class Migration004_cooperation extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261123200000_cooperation';

  override up(): void {
    this.addSql(`create table organisations.cooperation_link (
      kind text not null check (kind in ('PARTNERSHIP', 'GRANT', 'EVENT')),
      source_id uuid not null,
      organisation_id uuid not null,
      primary key (kind, source_id, organisation_id))`);
    this.addSql(
      'create index cooperation_link_organisation_idx on organisations.cooperation_link (organisation_id, kind, source_id)',
    );
  }
}
