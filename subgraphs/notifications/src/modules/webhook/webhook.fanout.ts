import type { FanOut } from '../change/change.inbox.js';

/** Enqueues a delivery to every active webhook that subscribes to a change (filled in by the webhook module). */
export const webhookFanOut: FanOut = async () => {};
