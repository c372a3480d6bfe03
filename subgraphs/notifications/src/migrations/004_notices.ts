import { Migration } from '@mikro-orm/migrations';

/** E-mail notice subscriptions (personal data: deleted on unsubscribe) and what a daily digest collects. */
export class Migration004_notices extends Migration {
  override name = 'Migration004_notices';

  override up(): void {
    this.addSql(`create table notifications.notice_subscription (
      id uuid primary key,
      email text not null,
      territory varchar(7) not null check (territory ~ '^[0-9]{2}([0-9]{2}([0-9]{3})?)?$'),
      kinds text[] not null check (cardinality(kinds) > 0),
      frequency text not null check (frequency in ('IMMEDIATE','DAILY')),
      -- tokens travel in links; only their SHA-256 is kept
      confirm_token_hash char(64) unique,
      unsubscribe_token_hash char(64) not null unique,
      confirmed_at timestamptz,
      last_digest_at timestamptz,
      created_at timestamptz not null default now(),
      unique (email, territory))`);
  }
}
