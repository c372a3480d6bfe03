import { Migration } from '@mikro-orm/migrations';
import { recordSourceColumnSql } from '@ngo-hub/kit';

/**
 * `source` of grants and calls (RecordSource): rows stored before it are the seed documents' facts; later
 * rows come from the API unless the writer (demo seeder, national loader) names their source.
 */
export class Migration010_record_source extends Migration {
  override name = 'Migration010_record_source';

  override up(): void {
    for (const statement of recordSourceColumnSql('funding.grant_award')) this.addSql(statement);
    for (const statement of recordSourceColumnSql('funding.call')) this.addSql(statement);
  }
}
