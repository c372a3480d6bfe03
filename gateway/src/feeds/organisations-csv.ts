import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { sendFeed } from './conditional.js';
import {
  collectPages,
  feedHeaders,
  FeedError,
  readParams,
  sendFeedError,
  type FeedApollo,
  type FeedSettings,
  type FieldMap,
} from './graphql.js';

interface FeedOrganisation {
  id: string;
  name: string;
  shortName: string | null;
  sector: string;
  legalForm: string;
  publicBenefit: boolean;
  identifiers: { scheme: 'KRS' | 'NIP' | 'REGON'; value: string }[];
  address: { streetAddress: string | null; postalCode: string | null; locality: string | null };
  territory: { code: string; name: string } | null;
  website: string | null;
  email: string | null;
  phone: string | null;
}

const ORGANISATIONS = `query OrganisationsFeed($first: Int!, $after: String, $filter: OrganisationFilter) {
  organisations(first: $first, after: $after, filter: $filter) {
    edges { node {
      id name shortName sector legalForm publicBenefit website email phone
      identifiers { scheme value }
      address { streetAddress postalCode locality }
      territory { code name }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const FIELDS: FieldMap = { 'filter.territory': 'territory' };

/** The columns, in order, with how each is read from an organisation. */
export const ORGANISATION_COLUMNS: [string, (o: FeedOrganisation) => string | null][] = [
  ['id', (o) => o.id],
  ['name', (o) => o.name],
  ['short name', (o) => o.shortName],
  ['sector', (o) => o.sector],
  ['legal form', (o) => o.legalForm],
  ['KRS', (o) => o.identifiers.find((i) => i.scheme === 'KRS')?.value ?? null],
  ['NIP', (o) => o.identifiers.find((i) => i.scheme === 'NIP')?.value ?? null],
  ['REGON', (o) => o.identifiers.find((i) => i.scheme === 'REGON')?.value ?? null],
  ['public benefit', (o) => String(o.publicBenefit)],
  ['street', (o) => o.address.streetAddress],
  ['postal code', (o) => o.address.postalCode],
  ['locality', (o) => o.address.locality],
  ['TERC code', (o) => o.territory?.code ?? null],
  ['territory name', (o) => o.territory?.name ?? null],
  ['website', (o) => o.website],
  ['email', (o) => o.email],
  ['phone', (o) => o.phone],
];

/**
 * RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line
 * break; UTF-8 with a byte-order mark so Excel reads Polish letters (ą, ł, ż…) correctly. Every
 * value is written as text exactly as the hub has it (register numbers keep their leading zeros).
 */
export function organisationsCsv(organisations: FeedOrganisation[]): string {
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
      const { items, truncated } = await collectPages<
        {
          organisations: {
            edges: { node: FeedOrganisation }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        },
        FeedOrganisation
      >(
        apollo,
        ORGANISATIONS,
        { filter: { territory: params.territory } },
        (data) => data.organisations,
        FIELDS,
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
