import type { EventFeedFilter } from './event-filter.js';
import { EVENT_FIELDS } from './event-filter.js';
import {
  collectPages,
  type Collected,
  executeQuery,
  FeedError,
  type FeedApollo,
  INCOMPLETE_DATA,
  runQuery,
  toFeedError,
} from './graphql.js';

/** The events of the hub as the event feeds read them (one query, shared by events.ics and events.atom). */
export interface FeedEvent {
  id: string;
  title: string;
  description: string | null;
  kind: string;
  startsAt: string | null;
  endsAt: string | null;
  datePrecision: 'TIME' | 'DAY' | 'MONTH' | 'UNKNOWN';
  url: string | null;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  updatedAt: string;
  venue: {
    name: string | null;
    streetAddress: string | null;
    postalCode: string | null;
    locality: string | null;
  } | null;
  organisers: { id: string; name: string; email: string | null }[];
}

const EVENTS = `query EventsFeed($first: Int!, $after: String, $sort: EventSort, $filter: EventFilter) {
  events(first: $first, after: $after, sort: $sort, filter: $filter) {
    edges { node {
      id title description kind startsAt endsAt datePrecision url status updatedAt
      venue { name streetAddress postalCode locality }
      organisers { id name email }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type FeedEventsPage = {
  events: { edges: { node: FeedEvent }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};

/** The same page with organiser ids only: answered by the events subgraph alone, no entity to resolve. */
const EVENTS_ORGANISER_IDS = EVENTS.replace('organisers { id name email }', 'organisers { id }');

/**
 * One page of events. When the gateway cannot complete it (an organiser the events subgraph lists
 * that the organisations subgraph cannot resolve: `organisers` is a non-null list of non-null
 * organisations, so one such id voids the whole answer), the page is read again with organiser ids
 * only, and the lead organisers are looked up one by one (one operation for the page), each a
 * nullable root field: an unresolvable organiser leaves only its own event without ORGANIZER.
 */
async function eventsPage(apollo: FeedApollo, variables: Record<string, unknown>): Promise<FeedEventsPage> {
  try {
    return await runQuery<FeedEventsPage>(apollo, EVENTS, variables, EVENT_FIELDS);
  } catch (error) {
    if (!(error instanceof FeedError) || error.code !== INCOMPLETE_DATA) throw error;
  }
  const page = await runQuery<{
    events: {
      edges: { node: Omit<FeedEvent, 'organisers'> & { organisers: { id: string }[] } }[];
      pageInfo: FeedEventsPage['events']['pageInfo'];
    };
  }>(apollo, EVENTS_ORGANISER_IDS, variables, EVENT_FIELDS);
  const leads = [
    ...new Set(page.events.edges.map((e) => e.node.organisers[0]?.id).filter((id): id is string => Boolean(id))),
  ];
  const found = new Map<string, FeedEvent['organisers'][number]>();
  if (leads.length) {
    const query = `query LeadOrganisers(${leads.map((_, i) => `$i${i}: ID!`).join(', ')}) {
      ${leads.map((_, i) => `o${i}: organisation(id: $i${i}) { id name email }`).join('\n')}
    }`;
    const { data, errors } = await executeQuery<Record<string, FeedEvent['organisers'][number] | null>>(
      apollo,
      query,
      Object.fromEntries(leads.map((id, i) => [`i${i}`, id])),
    );
    // NOT_FOUND names one organiser that is gone; anything else (a subgraph down) fails the feed as usual.
    const failures = errors.filter((e) => e.extensions?.code !== 'NOT_FOUND');
    if (failures.length || !data)
      throw failures.length
        ? toFeedError(failures, {})
        : new FeedError(503, INCOMPLETE_DATA, 'the hub could not complete the answer; try again later');
    for (const organiser of Object.values(data)) if (organiser) found.set(organiser.id, organiser);
  }
  return {
    events: {
      ...page.events,
      edges: page.events.edges.map(({ node }) => {
        const lead = node.organisers[0] ? found.get(node.organisers[0].id) : undefined;
        // Only the lead organiser goes into the calendar (ORGANIZER).
        return { node: { ...node, organisers: lead ? [lead] : [] } };
      }),
    },
  };
}

export type EventSort = 'STARTS_AT' | 'STARTS_AT_DESC';

/** Pages through the events matching `filter` in `sort` order, at most `cap` of them. */
export function collectEvents(
  apollo: FeedApollo,
  filter: EventFeedFilter,
  sort: EventSort,
  cap: number,
): Promise<Collected<FeedEvent>> {
  return collectPages<FeedEventsPage, FeedEvent>(
    apollo,
    (variables) => eventsPage(apollo, variables),
    { filter, sort },
    (data) => data.events,
    EVENT_FIELDS,
    cap,
  );
}

const COUNTS = `query EventsFeedCounts($all: EventFilter, $upcoming: EventFilter, $past: EventFilter) {
  all: events(first: 1, filter: $all) { totalCount }
  upcoming: events(first: 1, filter: $upcoming) { totalCount }
  past: events(first: 1, filter: $past) { totalCount }
}`;

/** How many events match `filter`, how many of them start now or later, and how many started before now. */
export async function countEvents(
  apollo: FeedApollo,
  filter: EventFeedFilter,
): Promise<{ all: number; upcoming: number; past: number }> {
  const data = await runQuery<Record<'all' | 'upcoming' | 'past', { totalCount: number }>>(
    apollo,
    COUNTS,
    { all: filter, upcoming: { ...filter, upcoming: true }, past: { ...filter, upcoming: false } },
    EVENT_FIELDS,
  );
  return { all: data.all.totalCount, upcoming: data.upcoming.totalCount, past: data.past.totalCount };
}
