import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import type { FastifyInstance } from 'fastify';
import ical, { escape, foldLines, ICalEventStatus, type ICalEventData } from 'ical-generator';
import { DateTime } from 'luxon';
import { collectPages, feedHeaders, FeedError, readParams, runQuery, sendFeedError, type FeedApollo, type FieldMap } from './graphql.js';

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
  venue: { name: string | null; streetAddress: string | null; postalCode: string | null; locality: string | null } | null;
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

/** Checks that the filters name existing things (unknown code or id → 400) and names the calendar after them. */
const NAMES = `query EventsFeedNames($territory: String!, $organisation: ID!, $partnership: ID!, $withTerritory: Boolean!, $withOrganisation: Boolean!, $withPartnership: Boolean!) {
  territory(code: $territory) @include(if: $withTerritory) { code name }
  organisation(id: $organisation) @include(if: $withOrganisation) { name }
  partnership(id: $partnership) @include(if: $withPartnership) { name }
}`;

/** Where a subgraph's error points (response path root or argument path) → the feed's URL parameter. */
const FIELDS: FieldMap = {
  territory: 'territory', organisation: 'organisation', partnership: 'partnership',
  'filter.territory': 'territory', 'filter.organiser': 'organisation', 'filter.partnership': 'partnership',
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
    organizer: organiser ? { name: organiser.name, email: organiser.email ?? `${NO_EMAIL_PREFIX}${organiser.id}` } : undefined,
  };
}

export function registerEventsFeed(app: FastifyInstance, apollo: FeedApollo): void {
  app.get('/feeds/events.ics', async (request, reply) => {
    try {
      const params = readParams(request, PARAMS);
      // The list first: its filter reports a malformed id as BAD_USER_INPUT; the lookups after it
      // then turn a well-formed but unknown id into NOT_FOUND instead of an empty calendar.
      const filter = { territory: params.territory, organiser: params.organisation, partnership: params.partnership };
      const { items, truncated } = await collectPages<{ events: { edges: { node: FeedEvent }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }, FeedEvent>(
        apollo, EVENTS, { filter }, (data) => data.events, FIELDS,
      );
      const names = await runQuery<{ territory?: { code: string; name: string }; organisation?: { name: string }; partnership?: { name: string } }>(apollo, NAMES, {
        territory: params.territory ?? '', organisation: params.organisation ?? '', partnership: params.partnership ?? '',
        withTerritory: Boolean(params.territory), withOrganisation: Boolean(params.organisation), withPartnership: Boolean(params.partnership),
      }, FIELDS);

      const scope = [names.territory?.name, names.organisation?.name, names.partnership?.name].filter(Boolean).join(' · ');
      const title = scope ? `ngo-hub: wydarzenia – ${scope}` : 'ngo-hub: wydarzenia';
      const calendar = ical({
        // ical-generator writes NAME / X-WR-CALNAME / X-WR-CALDESC unescaped: escape as TEXT here.
        name: escape(title, false),
        description: escape('Wydarzenia organizacji z sieci ngo-hub (bez wydarzeń bez daty i z samym miesiącem).', false),
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
      return feedHeaders(reply, 'text/calendar; charset=utf-8', filename, { omitted, truncated }, 'inline').send(organizerUris(calendar.toString()));
    } catch (error) {
      if (!(error instanceof FeedError)) request.log.error(error);
      return sendFeedError(reply, error);
    }
  });
}
