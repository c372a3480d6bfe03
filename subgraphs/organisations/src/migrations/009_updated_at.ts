import { Migration } from '@mikro-orm/migrations';
import { touchParentSql, updatedAtFunctionsSql, updatedAtTriggerSql } from '@ngo-hub/kit';

/**
 * Incremental sync: the database keeps `organisation.updated_at` (any change of the row or of its
 * register identifiers), and `(updated_at, id)` serves `modifiedSince` and the UPDATED sort.
 */
export class Migration009_updated_at extends Migration {
  override name = 'Migration009_updated_at';

  override up(): void {
    for (const statement of updatedAtFunctionsSql('organisations')) this.addSql(statement);
    this.addSql(updatedAtTriggerSql('organisations', 'organisation'));
    for (const statement of touchParentSql(
      'organisations',
      'organisation_identifier',
      'organisation_id',
      'organisation',
    ))
      this.addSql(statement);
    this.addSql('create index organisation_updated_at_id_idx on organisations.organisation (updated_at, id)');
  }
}
