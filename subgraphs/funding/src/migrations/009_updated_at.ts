import { Migration } from '@mikro-orm/migrations';
import { touchParentSql, updatedAtFunctionsSql, updatedAtTriggerSql } from '@ngo-hub/kit';

/**
 * Incremental sync. Funders, programmes and calls get `updated_at` (existing rows: now, since when
 * they last changed is unknown, so a client syncing across this release sees them once). The
 * database keeps it on every change of a row or of the child rows that are part of it (a call's
 * eligible territories; a grant's partners, funding sources and beneficiary territories).
 * `(updated_at, id)` serves `modifiedSince` and the UPDATED sort of calls and grants.
 */
export class Migration009_updated_at extends Migration {
  override name = 'Migration009_updated_at';

  override up(): void {
    for (const table of ['funder', 'programme', 'call'])
      this.addSql(`alter table funding.${table} add column updated_at timestamptz not null default now()`);
    for (const statement of updatedAtFunctionsSql('funding')) this.addSql(statement);
    for (const table of ['funder', 'programme', 'call', 'grant_award'])
      this.addSql(updatedAtTriggerSql('funding', table));
    const children = [
      ['call_eligible_territory', 'call_id', 'call'],
      ['grant_partner', 'grant_id', 'grant_award'],
      ['grant_funding_source', 'grant_id', 'grant_award'],
      ['grant_beneficiary_territory', 'grant_id', 'grant_award'],
    ] as const;
    for (const [child, column, parent] of children)
      for (const statement of touchParentSql('funding', child, column, parent)) this.addSql(statement);
    this.addSql('create index call_updated_at_id_idx on funding.call (updated_at, id)');
    this.addSql('create index grant_award_updated_at_id_idx on funding.grant_award (updated_at, id)');
  }
}
