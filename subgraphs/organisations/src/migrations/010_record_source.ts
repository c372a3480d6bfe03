import { Migration } from '@mikro-orm/migrations';
import { recordSourceColumnSql } from '@ngo-hub/kit';

/**
 * `source` of organisations (RecordSource): rows stored before it are the seed documents' facts; later
 * rows come from the API unless the writer (demo seeder, national loader) names their source.
 */
export class Migration010_record_source extends Migration {
  override name = 'Migration010_record_source';

  override up(): void {
    for (const statement of recordSourceColumnSql('organisations.organisation')) this.addSql(statement);
  }
}
