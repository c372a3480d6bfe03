import { stableUuid, withinTerritories } from '@ngo-hub/kit';
import type { FanOut } from '../change/change.inbox.js';
import type { Change } from '../change/change.types.js';
import { type DeliveryInsert, WebhookRepository } from './webhook.repository.js';

export const WEBHOOK_DELIVER = 'webhook.deliver';

/** The JSON body POSTed for a change (fixed at fan-out: every retry sends the same bytes). */
export function deliveryBody(change: Change) {
  return {
    type: change.type,
    timestamp: change.at,
    data: {
      id: change.entityId,
      entityType: change.entityType,
      changedFields: change.changedFields,
      ...change.summary,
    },
  };
}

/**
 * Queues a delivery of each change to every active webhook subscribing to its type within whose
 * territory it lies: one statement to find the webhooks, one to insert the deliveries and their
 * jobs. A delivery's id derives from the entry, the type and the webhook, so an entry applied again
 * queues nothing twice.
 */
export const webhookFanOut: FanOut = async (tx, changes) => {
  const repository = new WebhookRepository(tx);
  const webhooks = await repository.activeFor([...new Set(changes.map((c) => c.type))]);
  const deliveries: DeliveryInsert[] = changes.flatMap((change) =>
    webhooks
      .filter(
        (w) =>
          w.events.includes(change.type) &&
          withinTerritories(w.territory ? [w.territory] : [], change.summary.territoryCode),
      )
      .map((w) => ({
        id: stableUuid(`webhook-delivery:${change.entryId}:${change.type}:${w.id}`),
        webhookId: w.id,
        eventType: change.type,
        payload: deliveryBody(change),
      })),
  );
  await repository.insertDeliveries(deliveries, WEBHOOK_DELIVER);
};
