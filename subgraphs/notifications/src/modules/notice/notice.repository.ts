import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral } from '@ngo-hub/kit';
import { NoticeSubscriptionEntity } from './notice.entity.js';

export interface SubscriptionUpsert {
  id: string;
  email: string;
  territory: string;
  kinds: string[];
  frequency: string;
  unsubscribeToken: string;
  unsubscribeTokenHash: string;
}

/** A confirmed subscription as fan-out needs it: no address. */
export interface SubscriptionTarget {
  id: string;
  territory: string;
  kinds: string[];
  frequency: string;
}

export interface NoticeItemRow<C> {
  subscriptionId: string;
  entryId: string;
  change: C;
}

/** All SQL about e-mail notice subscriptions and digest items; each statement tagged with its name. */
export class NoticeRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Records a subscription, or replaces the kinds and frequency of the one for the same address and
   * territory (keeping its unsubscribe token, so links in mails already sent still work).
   */
  async upsert(row: SubscriptionUpsert): Promise<NoticeSubscriptionEntity> {
    const [saved] = await this.em.execute(
      `/* notice.upsert */ insert into notifications.notice_subscription
         (id, email, territory, kinds, frequency, unsubscribe_token, unsubscribe_token_hash)
       values (?, ?, ?, ?::text[], ?, ?, ?)
       on conflict (email, territory) do update set kinds = excluded.kinds, frequency = excluded.frequency
       returning *`,
      [
        row.id,
        row.email,
        row.territory,
        pgArrayLiteral(row.kinds),
        row.frequency,
        row.unsubscribeToken,
        row.unsubscribeTokenHash,
      ],
    );
    return this.em.map(NoticeSubscriptionEntity, saved!);
  }

  async find(id: string): Promise<NoticeSubscriptionEntity | null> {
    const [row] = await this.em.execute(
      '/* notice.find */ select * from notifications.notice_subscription where id = ?',
      [id],
    );
    return row ? this.em.map(NoticeSubscriptionEntity, row) : null;
  }

  /** Sets a new confirmation token of a still unconfirmed subscription; null when there is none to confirm. */
  async renewConfirmToken(id: string, hash: string): Promise<NoticeSubscriptionEntity | null> {
    const [row] = await this.em.execute(
      `/* notice.renewConfirmToken */ update notifications.notice_subscription set confirm_token_hash = ?
       where id = ? and confirmed_at is null returning *`,
      [hash, id],
    );
    return row ? this.em.map(NoticeSubscriptionEntity, row) : null;
  }

  /** Confirms the subscription of this token (again: no change); false for an unknown token. */
  async confirm(hash: string): Promise<boolean> {
    const rows = await this.em.execute(
      `/* notice.confirm */ update notifications.notice_subscription set confirmed_at = coalesce(confirmed_at, now())
       where confirm_token_hash = ? returning id`,
      [hash],
    );
    return rows.length > 0;
  }

  /** Deletes the subscription of this token, address and collected items with it; false for an unknown token. */
  async deleteByUnsubscribeHash(hash: string): Promise<boolean> {
    const rows = await this.em.execute(
      '/* notice.unsubscribe */ delete from notifications.notice_subscription where unsubscribe_token_hash = ? returning id',
      [hash],
    );
    return rows.length > 0;
  }

  /** Confirmed subscriptions for one of `territories` wanting one of `kinds` (one statement per batch of changes). */
  async confirmedTargets(territories: readonly string[], kinds: readonly string[]): Promise<SubscriptionTarget[]> {
    if (territories.length === 0 || kinds.length === 0) return [];
    const rows = await this.em.execute(
      `/* notice.targets */ select id, territory, kinds, frequency from notifications.notice_subscription
       where confirmed_at is not null and territory = any(?::text[]) and kinds && ?::text[]`,
      [pgArrayLiteral(territories), pgArrayLiteral(kinds)],
    );
    return rows.map((r) => ({ id: r.id, territory: r.territory, kinds: r.kinds, frequency: r.frequency }));
  }

  /** Collects items for daily digests; an item already collected is kept once. */
  async addItems<C>(items: readonly NoticeItemRow<C>[]): Promise<void> {
    if (items.length === 0) return;
    await this.em.execute(
      `/* notice.addItems */ insert into notifications.notice_item (subscription_id, entry_id, change)
       select i.subscription_id, i.entry_id, i.change::jsonb
       from unnest(?::uuid[], ?::text[], ?::text[]) as i(subscription_id, entry_id, change)
       on conflict do nothing`,
      [
        pgArrayLiteral(items.map((i) => i.subscriptionId)),
        pgArrayLiteral(items.map((i) => i.entryId)),
        pgArrayLiteral(items.map((i) => JSON.stringify(i.change))),
      ],
    );
  }

  /** What a subscription's digest has collected, oldest first. */
  async items<C>(subscriptionId: string): Promise<NoticeItemRow<C>[]> {
    const rows = await this.em.execute(
      `/* notice.items */ select entry_id, change from notifications.notice_item
       where subscription_id = ? order by created_at, entry_id`,
      [subscriptionId],
    );
    return rows.map((r) => ({ subscriptionId, entryId: r.entry_id, change: r.change as C }));
  }

  /** Clears the items a digest sent and notes when; returns how many items arrived meanwhile (still to send). */
  async clearSent(subscriptionId: string, entryIds: readonly string[]): Promise<number> {
    const [row] = await this.em.execute(
      `/* notice.clearSent */ with cleared as (
         delete from notifications.notice_item where subscription_id = ? and entry_id = any(?::text[])
       ), noted as (
         update notifications.notice_subscription set last_digest_at = now() where id = ?
       )
       select count(*)::int as remaining from notifications.notice_item
       where subscription_id = ? and not (entry_id = any(?::text[]))`,
      [subscriptionId, pgArrayLiteral(entryIds), subscriptionId, subscriptionId, pgArrayLiteral(entryIds)],
    );
    return Number(row?.remaining ?? 0);
  }
}
