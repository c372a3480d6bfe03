import { Migration20261123000300_events } from './Migration20261123000300_events.js';

/** Every migration of this subgraph, oldest first. */
export const migrations = [Migration20261123000300_events];
