import type { FastifyInstance } from 'fastify';
import { registerCallsFeed } from './calls-atom.js';
import { FirstServed } from './conditional.js';
import { registerEventsAtomFeed } from './events-atom.js';
import { registerEventsFeed } from './events-ics.js';
import { FEED_ITEM_CAP, type FeedApollo } from './graphql.js';
import { registerGrantsFeed } from './grants-360giving.js';
import { registerOrganisationsFeed } from './organisations-csv.js';

/**
 * Embeddable feeds: `GET /feeds/events.ics`, `/feeds/events.atom` (and `.json`), `/feeds/calls.atom`
 * (and `.json`), `/feeds/grants.json` (360Giving) and `/feeds/organisations.csv`. Each asks the hub
 * through the gateway's own Apollo Server, in process, so the data still comes from the owning
 * subgraphs under the same limits. `itemCap` (FEED_ITEM_CAP by default) bounds every feed.
 */
export function registerFeeds(app: FastifyInstance, apollo: FeedApollo, options: { itemCap?: number } = {}): void {
  const settings = { itemCap: options.itemCap ?? FEED_ITEM_CAP, served: new FirstServed() };
  registerEventsFeed(app, apollo, settings);
  registerEventsAtomFeed(app, apollo, settings);
  registerCallsFeed(app, apollo, settings);
  registerGrantsFeed(app, apollo, settings);
  registerOrganisationsFeed(app, apollo, settings);
}
