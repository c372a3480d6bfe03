import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { HUB_ZONE, readBoolean } from './event-filter.js';
import { collectPages, type FeedApollo, type FeedSettings, type FieldMap, readParams, runQuery } from './graphql.js';
import { feedId, registerSyndication, type SyndicationEntry, truncationNote } from './syndication.js';

interface FeedCall {
  id: string;
  title: string;
  description: string | null;
  opensOn: string;
  closesOn: string | null;
  updatedAt: string;
  url: string | null;
  budget: { amount: string; currency: string } | null;
  funder: { id: string; name: string };
  programme: { name: string } | null;
  eligibleTerritories: { code: string; name: string }[];
}

/**
 * Newest first (the latest-opened competitions, `sort: NEWEST`: what a reader of notices wants on
 * top), and each entry's `updated` is the call's own `updatedAt`, so readers see a changed call as changed.
 */
const NEWEST = {
  sort: 'NEWEST',
  order: 'najnowsze nabory',
  updated: (call: FeedCall) => DateTime.fromISO(call.updatedAt, { setZone: true }).toUTC().toISO()!,
} as const;

const CALLS = `query CallsFeed($first: Int!, $after: String, $sort: CallSort, $filter: CallFilter) {
  calls(first: $first, after: $after, sort: $sort, filter: $filter) {
    edges { node {
      id title description opensOn closesOn updatedAt url
      budget { amount currency }
      funder { id name }
      programme { name }
      eligibleTerritories { code name }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Checks that the filters name existing things (unknown code or id → 400) and names the feed after them. */
const NAMES = `query CallsFeedNames($territory: String!, $funder: ID!, $withTerritory: Boolean!, $withFunder: Boolean!) {
  territory(code: $territory) @include(if: $withTerritory) { code name }
  funder(id: $funder) @include(if: $withFunder) { name }
}`;

const FIELDS: FieldMap = {
  territory: 'territory',
  funder: 'funder',
  'filter.territory': 'territory',
  'filter.funder': 'funder',
  'filter.open': 'open',
};

const PARAMS = ['territory', 'funder', 'open'] as const;

const day = (date: string) => DateTime.fromISO(date, { zone: HUB_ZONE }).setLocale('pl').toFormat('d MMMM yyyy');

/** "150000.50" → "150 000,50" (Polish: non-breaking space between thousands, decimal comma), digit for digit. */
export function amountPl(amount: string): string {
  const [whole, fraction] = amount.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return fraction ? `${grouped},${fraction}` : grouped;
}

/** What a portal reader needs to know before opening the announcement, in Polish. */
export function callSummary(call: FeedCall): string {
  const parts = [
    `Grantodawca: ${call.funder.name}`,
    call.closesOn
      ? `Nabór wniosków od ${day(call.opensOn)} do ${day(call.closesOn)}`
      : `Nabór wniosków od ${day(call.opensOn)}, bez terminu końcowego`,
    call.eligibleTerritories.length
      ? `Mogą startować organizacje z: ${call.eligibleTerritories.map((t) => t.name).join(', ')}`
      : '',
    call.budget ? `Budżet: ${amountPl(call.budget.amount)} ${call.budget.currency}` : '',
    call.programme ? `Program: ${call.programme.name}` : '',
  ].filter(Boolean);
  const text = `${parts.join('. ')}.`;
  return call.description ? `${text}\n\n${call.description}` : text;
}

function callEntry(call: FeedCall): SyndicationEntry {
  return {
    id: `urn:uuid:${call.id}`,
    title: call.title,
    updated: NEWEST.updated(call),
    url: call.url,
    summary: callSummary(call),
    categories: call.eligibleTerritories.map((t) => t.code),
  };
}

/** `GET /feeds/calls.atom` and `/feeds/calls.json`: calls for proposals, newest first. */
export function registerCallsFeed(app: FastifyInstance, apollo: FeedApollo, { itemCap, served }: FeedSettings): void {
  registerSyndication(app, 'calls', served, async (request, self) => {
    const params = readParams(request, PARAMS);
    const filter = { territory: params.territory, funder: params.funder, open: readBoolean(params.open, 'open') };
    // The list first (a malformed code or id is BAD_USER_INPUT), then the names (an unknown one is NOT_FOUND).
    const { items, truncated } = await collectPages<
      { calls: { edges: { node: FeedCall }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
      FeedCall
    >(apollo, CALLS, { filter, sort: NEWEST.sort }, (data) => data.calls, FIELDS, itemCap);
    const names = await runQuery<{ territory?: { name: string }; funder?: { name: string } }>(
      apollo,
      NAMES,
      {
        territory: filter.territory ?? '',
        funder: filter.funder ?? '',
        withTerritory: Boolean(filter.territory),
        withFunder: Boolean(filter.funder),
      },
      FIELDS,
    );
    const scope = [
      names.territory?.name,
      names.funder?.name,
      filter.open === true ? 'otwarte' : filter.open === false ? 'poza naborem' : '',
    ]
      .filter(Boolean)
      .join(' · ');
    return {
      id: feedId('calls', filter),
      title: scope ? `ngo-hub: konkursy – ${scope}` : 'ngo-hub: konkursy',
      subtitle: truncated
        ? truncationNote(itemCap, NEWEST.order)
        : 'Konkursy ofert i nabory wniosków dla organizacji pozarządowych, najnowsze na górze.',
      self,
      entries: items.map(callEntry),
      truncated,
    };
  });
}
