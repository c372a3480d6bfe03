import { Migration } from '@mikro-orm/migrations';

/** Webhooks and every delivery of a change to them (the attempt log `webhookDeliveries` reads). */
export class Migration003_webhooks extends Migration {
  override name = 'Migration003_webhooks';

  override up(): void {
    this.addSql(`create table notifications.webhook (
      id uuid primary key,
      url text not null,
      events text[] not null check (cardinality(events) > 0),
      territory varchar(7) check (territory ~ '^[0-9]{2}([0-9]{2}([0-9]{3})?)?$'),
      -- the signing secret must be kept to sign; it is shown to its owner once
      secret text not null,
      owner_subject text not null,
      owner_role text not null,
      active boolean not null default true,
      failing_since timestamptz,
      deactivated_at timestamptz,
      deactivated_reason text,
      created_at timestamptz not null default now())`);
    this.addSql('create index webhook_owner_idx on notifications.webhook (owner_subject, created_at desc, id)');
    this.addSql(`create table notifications.webhook_delivery (
      id uuid primary key,
      webhook_id uuid not null references notifications.webhook (id) on delete cascade,
      event_type text not null,
      payload jsonb not null,
      status text not null default 'PENDING' check (status in ('PENDING','DELIVERED','FAILED')),
      attempts integer not null default 0,
      last_status_code integer,
      last_error text,
      created_at timestamptz not null default now(),
      last_attempt_at timestamptz,
      delivered_at timestamptz)`);
    this.addSql(
      'create index webhook_delivery_webhook_idx on notifications.webhook_delivery (webhook_id, created_at desc, id)',
    );
  }
}
