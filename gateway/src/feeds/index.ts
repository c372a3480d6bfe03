import type { FastifyInstance } from 'fastify';
import { registerEventsFeed } from './events-ics.js';
import type { FeedApollo } from './graphql.js';
import { registerGrantsFeed } from './grants-360giving.js';
import { registerOrganisationsFeed } from './organisations-csv.js';

/**
 * Embeddable feeds: `GET /feeds/events.ics`, `/feeds/grants.json` (360Giving) and
 * `/feeds/organisations.csv`. Each asks the hub through the gateway's own Apollo Server, in
 * process, so the data still comes from the owning subgraphs under the same limits.
 */
export function registerFeeds(app: FastifyInstance, apollo: FeedApollo): void {
  registerEventsFeed(app, apollo);
  registerGrantsFeed(app, apollo);
  registerOrganisationsFeed(app, apollo);
}
