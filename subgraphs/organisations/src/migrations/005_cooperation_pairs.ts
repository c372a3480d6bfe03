import { Migration } from '@mikro-orm/migrations';
import { PAIRS_FROM_LINKS } from '../modules/cooperation/cooperation.pairs.js';

/**
 * Ties precomputed per source: for each partnership, grant and event, the pairs of units it ties at
 * each level. Answering `cooperation` then aggregates a few indexed rows instead of self-joining
 * every source of the country (36 s for a voivodeship on the national data set).
 */
export class Migration005_cooperation_pairs extends Migration {
  // What earlier releases recorded in schema_migrations: the migration's identity, never to change.
  override name = 'Migration20261124000000_cooperation_pairs';

  override up(): void {
    this.addSql(`create table organisations.cooperation_pair (
      level text not null check (level in ('WOJEWODZTWO', 'POWIAT', 'GMINA')),
      kind text not null,
      source_id uuid not null,
      a varchar(7) not null,
      b varchar(7) not null check (a < b),
      primary key (kind, source_id, level, a, b))`);
    this.addSql(
      'create index cooperation_pair_a_idx on organisations.cooperation_pair (level, a varchar_pattern_ops) include (b, kind)',
    );
    this.addSql(
      'create index cooperation_pair_b_idx on organisations.cooperation_pair (level, b varchar_pattern_ops) include (a, kind)',
    );
    this.addSql(
      `insert into organisations.cooperation_pair (level, kind, source_id, a, b) ${PAIRS_FROM_LINKS('true')}`,
    );
  }
}
