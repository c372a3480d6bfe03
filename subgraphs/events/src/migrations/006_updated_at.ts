import { Migration } from '@mikro-orm/migrations';
import { touchParentSql, updatedAtFunctionsSql, updatedAtTriggerSql } from '@ngo-hub/kit';

/**
 * Incremental sync: the database keeps `event.updated_at` (any change of the row, a cancellation
 * too, or of its organisers), and `(updated_at, id)` serves `modifiedSince` and the UPDATED sort.
 */
export class Migration006_updated_at extends Migration {
  override name = 'Migration006_updated_at';

  override up(): void {
    for (const statement of updatedAtFunctionsSql('events')) this.addSql(statement);
    // span is generated: a BEFORE trigger sees it unset.
    this.addSql(updatedAtTriggerSql('events', 'event', ['span']));
    for (const statement of touchParentSql('events', 'event_organiser', 'event_id', 'event')) this.addSql(statement);
    this.addSql('create index event_updated_at_id_idx on events.event (updated_at, id)');
  }
}
