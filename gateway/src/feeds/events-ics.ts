import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import type { FastifyInstance } from 'fastify';
import ical, { escape as escapeText, foldLines, ICalEventStatus, type ICalEventData } from 'ical-generator';
import { DateTime } from 'luxon';
import {
  collectPages,
  executeQuery,
  feedHeaders,
  FeedError,
  INCOMPLETE_DATA,
  readParams,
  runQuery,
  sendFeedError,
  toFeedError,
  type FeedApollo,
  type FieldMap,
} from './graphql.js';

export const HUB_ZONE = 'Europe/Warsaw';

interface FeedEvent {
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

const EVENTS = `query EventsFeed($first: Int!, $after: String, $filter: EventFilter) {
  events(first: $first, after: $after, filter: $filter) {
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
    return await runQuery<FeedEventsPage>(apollo, EVENTS, variables, FIELDS);
  } catch (error) {
    if (!(error instanceof FeedError) || error.code !== INCOMPLETE_DATA) throw error;
  }
  const page = await runQuery<{
    events: {
      edges: { node: Omit<FeedEvent, 'organisers'> & { organisers: { id: string }[] } }[];
      pageInfo: FeedEventsPage['events']['pageInfo'];
    };
  }>(apollo, EVENTS_ORGANISER_IDS, variables, FIELDS);
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

/** Checks that the filters name existing things (unknown code or id → 400) and names the calendar after them. */
const NAMES = `query EventsFeedNames($territory: String!, $organisation: ID!, $partnership: ID!, $withTerritory: Boolean!, $withOrganisation: Boolean!, $withPartnership: Boolean!) {
  territory(code: $territory) @include(if: $withTerritory) { code name }
  organisation(id: $organisation) @include(if: $withOrganisation) { name }
  partnership(id: $partnership) @include(if: $withPartnership) { name }
}`;

/** Where a subgraph's error points (response path root or argument path) → the feed's URL parameter. */
const FIELDS: FieldMap = {
  territory: 'territory',
  organisation: 'organisation',
  partnership: 'partnership',
  'filter.territory': 'territory',
  'filter.organiser': 'organisation',
  'filter.partnership': 'partnership',
};

const PARAMS = ['territory', 'organisation', 'partnership'] as const;

const STATUS: Record<FeedEvent['status'], ICalEventStatus> = {
  CONFIRMED: ICalEventStatus.CONFIRMED,
  TENTATIVE: ICalEventStatus.TENTATIVE,
  CANCELLED: ICalEventStatus.CANCELLED,
};

const warsaw = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(HUB_ZONE);

/** A sentinel e-mail that marks an organiser without a published address (see `organizerUris`). */
const NO_EMAIL_PREFIX = 'ngo-hub-organisation-without-email-';

/**
 * RFC 5545 wants ORGANIZER's value to be a URI. ical-generator writes `mailto:<email>` or nothing,
 * so an organiser the hub has no e-mail for is written with a sentinel address and turned here
 * into `urn:uuid:<hub id>` — a URI naming the organisation, never an invented mailbox.
 */
function organizerUris(ics: string): string {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  const fixed = unfolded.replace(new RegExp(`:mailto:${NO_EMAIL_PREFIX}([0-9a-f-]{36})`, 'gi'), ':urn:uuid:$1');
  return foldLines(fixed);
}

function location(venue: FeedEvent['venue']): string | null {
  if (!venue) return null;
  const place = [venue.postalCode, venue.locality].filter(Boolean).join(' ');
  const parts = [venue.name, venue.streetAddress, place].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(', ') : null;
}

/**
 * The VEVENT fields for one event, or null when the event cannot be put in a calendar.
 *
 * - TIME: DTSTART/DTEND with TZID=Europe/Warsaw (the VTIMEZONE carries the DST rules), DTEND only
 *   when an end is published (RFC 5545: no DTEND means the event ends when it starts).
 * - DAY: all-day, `VALUE=DATE`; DTEND is exclusive, the day after the last day (endsAt is the
 *   last millisecond of the last day), or the day after the start when no end is published.
 * - UNKNOWN: no date at all, so no calendar entry.
 * - MONTH: left out too. Decision: a calendar has no way to say "some time in May"; an all-day
 *   entry on the 1st would show subscribers a date nobody announced (with reminders and busy
 *   time on it), and a note in the description is easily missed. Such events stay visible in the
 *   GraphQL API and the portals, and appear in the feed once the organisers publish the day.
 */
export function toCalendarEvent(event: FeedEvent): ICalEventData | null {
  if (!event.startsAt || (event.datePrecision !== 'TIME' && event.datePrecision !== 'DAY')) return null;
  const start = warsaw(event.startsAt);
  const allDay = event.datePrecision === 'DAY';
  let end: DateTime | null = event.endsAt ? warsaw(event.endsAt) : null;
  if (allDay) {
    const lastDay = (end ?? start).startOf('day');
    end = lastDay.plus({ days: 1 });
  }
  const organiser = event.organisers[0];
  const updated = DateTime.fromISO(event.updatedAt, { setZone: true }).toUTC();
  return {
    id: `${event.id}@ngo-hub`,
    // Without METHOD, DTSTAMP is when the entry last changed (RFC 5545 §3.8.7.2): stable across fetches.
    stamp: updated,
    lastModified: updated,
    start: allDay ? start.startOf('day') : start,
    end,
    allDay,
    timezone: HUB_ZONE,
    summary: event.title,
    description: event.description,
    location: location(event.venue),
    url: event.url,
    status: STATUS[event.status],
    categories: [{ name: event.kind }],
    organizer: organiser
      ? { name: organiser.name, email: organiser.email ?? `${NO_EMAIL_PREFIX}${organiser.id}` }
      : undefined,
  };
}

export function registerEventsFeed(app: FastifyInstance, apollo: FeedApollo): void {
  app.get('/feeds/events.ics', async (request, reply) => {
    try {
      const params = readParams(request, PARAMS);
      // The list first: its filter reports a malformed id as BAD_USER_INPUT; the lookups after it
      // then turn a well-formed but unknown id into NOT_FOUND instead of an empty calendar.
      const filter = { territory: params.territory, organiser: params.organisation, partnership: params.partnership };
      const { items, truncated } = await collectPages<FeedEventsPage, FeedEvent>(
        apollo,
        (variables) => eventsPage(apollo, variables),
        { filter },
        (data) => data.events,
        FIELDS,
      );
      const names = await runQuery<{
        territory?: { code: string; name: string };
        organisation?: { name: string };
        partnership?: { name: string };
      }>(
        apollo,
        NAMES,
        {
          territory: params.territory ?? '',
          organisation: params.organisation ?? '',
          partnership: params.partnership ?? '',
          withTerritory: Boolean(params.territory),
          withOrganisation: Boolean(params.organisation),
          withPartnership: Boolean(params.partnership),
        },
        FIELDS,
      );

      const scope = [names.territory?.name, names.organisation?.name, names.partnership?.name]
        .filter(Boolean)
        .join(' · ');
      const title = scope ? `ngo-hub: wydarzenia – ${scope}` : 'ngo-hub: wydarzenia';
      const calendar = ical({
        // ical-generator writes NAME / X-WR-CALNAME / X-WR-CALDESC unescaped: escape as TEXT here.
        name: escapeText(title, false),
        description: escapeText(
          'Wydarzenia organizacji z sieci ngo-hub (bez wydarzeń bez daty i z samym miesiącem).',
          false,
        ),
        prodId: { company: 'ngo-hub', product: 'events feed', language: 'PL' },
        // name: null keeps DTSTAMP / LAST-MODIFIED in UTC; each event names Europe/Warsaw itself and
        // the generator writes its VTIMEZONE (with the DST rules) once for the events that use it.
        timezone: { name: null, generator: getVtimezoneComponent },
        ttl: 60 * 60,
      });
      calendar.x('X-WR-TIMEZONE', HUB_ZONE);
      let omitted = 0;
      for (const event of items) {
        const data = toCalendarEvent(event);
        if (data) calendar.createEvent(data);
        else omitted += 1;
      }
      const filename = `ngo-hub-events${params.territory ? `-${names.territory?.code ?? params.territory}` : ''}.ics`;
      return feedHeaders(reply, 'text/calendar; charset=utf-8', filename, { omitted, truncated }, 'inline').send(
        organizerUris(calendar.toString()),
      );
    } catch (error) {
      if (!(error instanceof FeedError)) request.log.error(error);
      return sendFeedError(reply, error);
    }
  });
}
