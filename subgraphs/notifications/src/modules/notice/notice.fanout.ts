import type { FanOut } from '../change/change.inbox.js';

/** Enqueues e-mail notices of new events and competitions (filled in by the notice module). */
export const noticeFanOut: FanOut = async () => {};
