import { randomBytes } from 'node:crypto';
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

/** The 360Giving Data Standard version the package follows (written as the package's `version`). */
export const THREESIXTYGIVING_VERSION = '1.4';

interface Identifier {
  scheme: 'KRS' | 'NIP' | 'REGON';
  value: string;
}

interface FeedGrant {
  id: string;
  title: string;
  description: string | null;
  agreementSignedOn: string | null;
  currency: string | null;
  amountAwarded: { amount: string; currency: string } | null;
  startsOn: string | null;
  endsOn: string | null;
  recipient: { id: string; name: string; identifiers: Identifier[] };
  funder: { id: string; name: string; organisation: { id: string; identifiers: Identifier[] } | null };
  programme: { id: string; name: string } | null;
  beneficiaryTerritories: { code: string; name: string }[];
}

const GRANTS = `query GrantsFeed($first: Int!, $after: String, $filter: GrantFilter) {
  grants(first: $first, after: $after, filter: $filter) {
    edges { node {
      id title description agreementSignedOn currency startsOn endsOn
      amountAwarded { amount currency }
      recipient { id name identifiers { scheme value } }
      funder { id name organisation { id identifiers { scheme value } } }
      programme { id name }
      beneficiaryTerritories { code name }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const FIELDS: FieldMap = { 'filter.territory': 'territory' };

/** org-id.guide list codes for the Polish registers, in the order we prefer them. */
const ORG_ID_PREFIX: Record<Identifier['scheme'], string> = { KRS: 'PL-KRS', NIP: 'PL-NIP', REGON: 'PL-REGON' };
const SCHEME_ORDER: Identifier['scheme'][] = ['KRS', 'NIP', 'REGON'];

/**
 * An org-id.guide identifier when the hub knows a register number (KRS first: it is the register
 * of associations and foundations; then NIP, then REGON); otherwise one minted from the hub id
 * under our 360G prefix, as 360Giving's identifier guidance allows for unregistered organisations.
 */
export function orgId(hubId: string, identifiers: Identifier[]): string {
  for (const scheme of SCHEME_ORDER) {
    const found = identifiers.find((i) => i.scheme === scheme);
    if (found) return `${ORG_ID_PREFIX[scheme]}-${found.value}`;
  }
  return `360G-ngohub-${hubId}`;
}

/** A Decimal scalar as the hub sends it: digits, optionally a dot and one or two decimals. */
const DECIMAL = /^\d{1,20}(\.\d{1,2})?$/;

/**
 * 360Giving's amountAwarded is a JSON number. The hub's amounts are exact decimal strings, and a
 * round trip through a JS number would turn "1000.10" into 1000.1 and lose digits beyond 2^53; so
 * amounts go into the JSON text as number literals written from the string itself, digit for digit.
 */
class RawNumber {
  constructor(readonly literal: string) {}
}

function stringifyWithRawNumbers(value: unknown): string {
  const nonce = randomBytes(8).toString('hex');
  const literals: string[] = [];
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (v instanceof RawNumber) {
        literals.push(v.literal);
        return `${nonce}:${literals.length - 1}`;
      }
      return v;
    },
    2,
  );
  return text.replace(new RegExp(`"${nonce}:(\\d+)"`, 'g'), (_m, i: string) => literals[Number(i)]!);
}

/**
 * One 360Giving grant, or null when it cannot be published validly: the standard requires
 * amountAwarded and awardDate (our agreementSignedOn), and the feed never invents either.
 */
export function toThreeSixtyGrant(grant: FeedGrant): Record<string, unknown> | null {
  const amount = grant.amountAwarded;
  if (!amount || !grant.agreementSignedOn || !DECIMAL.test(amount.amount)) return null;
  const funderOrganisation = grant.funder.organisation;
  return {
    id: `360G-ngohub-${grant.id}`,
    title: grant.title,
    // Required by the standard; its guidance allows repeating the title when there is no description.
    description: grant.description ?? grant.title,
    currency: amount.currency,
    amountAwarded: new RawNumber(amount.amount),
    awardDate: grant.agreementSignedOn,
    ...(grant.startsOn
      ? { plannedDates: [{ startDate: grant.startsOn, ...(grant.endsOn ? { endDate: grant.endsOn } : {}) }] }
      : {}),
    recipientOrganization: [{ id: orgId(grant.recipient.id, grant.recipient.identifiers), name: grant.recipient.name }],
    fundingOrganization: [
      {
        id: funderOrganisation
          ? orgId(funderOrganisation.id, funderOrganisation.identifiers)
          : `360G-ngohub-${grant.funder.id}`,
        name: grant.funder.name,
      },
    ],
    ...(grant.programme ? { grantProgramme: [{ code: grant.programme.id, title: grant.programme.name }] } : {}),
    ...(grant.beneficiaryTerritories.length
      ? {
          // TERC is GUS's register of Polish territorial units; 360Giving's geoCodeType codelist
          // lists UK gazetteers only, so the type names the Polish register it comes from.
          beneficiaryLocation: grant.beneficiaryTerritories.map((t) => ({
            name: t.name,
            countryCode: 'PL',
            geoCode: t.code,
            geoCodeType: 'TERC',
          })),
        }
      : {}),
  };
}

export function registerGrantsFeed(app: FastifyInstance, apollo: FeedApollo, { itemCap, served }: FeedSettings): void {
  app.get('/feeds/grants.json', async (request, reply) => {
    try {
      const params = readParams(request, ['territory'] as const);
      const { items, truncated } = await collectPages<
        { grants: { edges: { node: FeedGrant }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
        FeedGrant
      >(apollo, GRANTS, { filter: { territory: params.territory } }, (data) => data.grants, FIELDS, itemCap);
      const grants = items.map(toThreeSixtyGrant).filter((g): g is Record<string, unknown> => g !== null);
      const omitted = items.length - grants.length;
      const body = stringifyWithRawNumbers({
        version: THREESIXTYGIVING_VERSION,
        title: `ngo-hub: granty${params.territory ? ` (TERC ${params.territory})` : ''}`,
        publisher: { name: 'ngo-hub' },
        grants,
      });
      const filename = `ngo-hub-grants${params.territory ? `-${params.territory}` : ''}.json`;
      feedHeaders(reply, 'application/json; charset=utf-8', filename, { omitted, truncated }, 'inline');
      return sendFeed(request, reply, body, served);
    } catch (error) {
      if (!(error instanceof FeedError)) request.log.error(error);
      return sendFeedError(reply, error);
    }
  });
}
