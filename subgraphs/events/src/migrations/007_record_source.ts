import { Migration } from '@mikro-orm/migrations';
import { recordSourceColumnSql } from '@ngo-hub/kit';

/**
 * `source` of events (RecordSource): rows stored before it are the seed documents' facts; later
 * rows come from the API unless the writer (demo seeder, national loader) names their source.
 */
export class Migration007_record_source extends Migration {
  override name = 'Migration007_record_source';

  override up(): void {
    for (const statement of recordSourceColumnSql('events.event')) this.addSql(statement);
  }
}
