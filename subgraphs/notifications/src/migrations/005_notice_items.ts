import { Migration } from '@mikro-orm/migrations';

/**
 * What a daily digest has collected for a subscription until it is sent, and the plain unsubscribe
 * token every notice carries (see notice.service.ts for why that one token is kept readable).
 */
export class Migration005_notice_items extends Migration {
  override name = 'Migration005_notice_items';

  override up(): void {
    this.addSql('alter table notifications.notice_subscription add column unsubscribe_token text');
    this.addSql(`create table notifications.notice_item (
      subscription_id uuid not null references notifications.notice_subscription (id) on delete cascade,
      entry_id text not null,
      change jsonb not null,
      created_at timestamptz not null default now(),
      primary key (subscription_id, entry_id))`);
  }
}
