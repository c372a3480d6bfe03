import type { Db } from '@ngo-hub/kit';
import { recordMissingOutbox, TOPICS } from '@ngo-hub/kit';

/** Every funder's `TOPICS.funderKnown` state: its name. */
const FUNDER_STATE = `select f.id as key, jsonb_build_object('name', f.name) as payload from funding.funder f`;

/**
 * Records every funder not yet in the outbox (seeded, bulk-loaded, or stored before the topic
 * existed), in one statement, so access knows which funders an API key may be bound to. Funders
 * are only written by the seeder and the bulk loader, so this at start is all the publishing they need.
 */
export function recordMissingFunders(db: Db): Promise<void> {
  return recordMissingOutbox(db, 'funding', TOPICS.funderKnown, FUNDER_STATE);
}
