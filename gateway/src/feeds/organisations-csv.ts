import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { sendFeed } from './conditional.js';
import {
  ORGANISATION_COLUMNS,
  ORGANISATION_FIELDS,
  ORGANISATIONS_QUERY,
  type ExportedOrganisation,
  type OrganisationsPage,
} from '../exports/organisations.js';
import {
  collectPages,
  feedHeaders,
  FeedError,
  readParams,
  sendFeedError,
  type FeedApollo,
  type FeedSettings,
} from './graphql.js';

/**
 * RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line
 * break; UTF-8 with a byte-order mark so Excel reads Polish letters (ą, ł, ż…) correctly. Every
 * value is written as text exactly as the hub has it (register numbers keep their leading zeros).
 */
export function organisationsCsv(organisations: ExportedOrganisation[]): string {
  return stringify(
    organisations.map((o) => ORGANISATION_COLUMNS.map(([, read]) => read(o) ?? '')),
    {
      bom: true,
      header: true,
      columns: ORGANISATION_COLUMNS.map(([name]) => name),
      record_delimiter: 'windows',
    },
  );
}

export function registerOrganisationsFeed(
  app: FastifyInstance,
  apollo: FeedApollo,
  { itemCap, served }: FeedSettings,
): void {
  app.get('/feeds/organisations.csv', async (request, reply) => {
    try {
      const params = readParams(request, ['territory'] as const);
      const { items, truncated } = await collectPages<OrganisationsPage, ExportedOrganisation>(
        apollo,
        ORGANISATIONS_QUERY,
        { filter: { territory: params.territory } },
        (data) => data.organisations,
        ORGANISATION_FIELDS,
        itemCap,
      );
      const filename = `ngo-hub-organisations${params.territory ? `-${params.territory}` : ''}.csv`;
      feedHeaders(reply, 'text/csv; charset=utf-8', filename, { truncated }, 'attachment');
      return sendFeed(request, reply, organisationsCsv(items), served);
    } catch (error) {
      if (!(error instanceof FeedError)) request.log.error(error);
      return sendFeedError(reply, error);
    }
  });
}
