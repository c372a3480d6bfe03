import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import type { FastifyInstance } from 'fastify';
import ical, { escape as escapeText, foldLines, ICalEventStatus, type ICalEventData } from 'ical-generator';
import { DateTime } from 'luxon';
import { sendFeed } from './conditional.js';
import {
  EVENT_FIELDS,
  type EventFeedFilter,
  type EventFilterNames,
  HUB_ZONE,
  namesQuery,
  readEventFilter,
  scopeOf,
} from './event-filter.js';
import { collectEvents, countEvents, type FeedEvent } from './event-source.js';
import {
  type Collected,
  type FeedApollo,
  type FeedSettings,
  FeedError,
  feedHeaders,
  runQuery,
  sendFeedError,
} from './graphql.js';

export { HUB_ZONE };

/**
 * The calendar's events, at most `cap`: when the feed must be cut, a subscriber needs what is coming,
 * so upcoming events go first (soonest first), then past ones from the most recent back; the oldest
 * past events are the ones left out. `omittedUndated` counts the matching events with no date at all
 * (neither upcoming nor past), which a calendar cannot show.
 */
export async function calendarEvents(
  apollo: FeedApollo,
  filter: EventFeedFilter,
  cap: number,
): Promise<Collected<FeedEvent> & { undated: number }> {
  // The caller chose one side: that side only, in the order a subscriber needs it.
  if (filter.upcoming !== undefined) {
    const side = await collectEvents(apollo, filter, filter.upcoming ? 'STARTS_AT' : 'STARTS_AT_DESC', cap);
    return { ...side, undated: 0 };
  }
  const counts = await countEvents(apollo, filter);
  const upcoming = await collectEvents(apollo, { ...filter, upcoming: true }, 'STARTS_AT', cap);
  const room = cap - upcoming.items.length;
  const past =
    room > 0
      ? await collectEvents(apollo, { ...filter, upcoming: false }, 'STARTS_AT_DESC', room)
      : { items: [], truncated: counts.past > 0 };
  return {
    items: [...upcoming.items, ...past.items],
    truncated: upcoming.truncated || past.truncated,
    undated: Math.max(0, counts.all - counts.upcoming - counts.past),
  };
}

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

export function registerEventsFeed(app: FastifyInstance, apollo: FeedApollo, { itemCap, served }: FeedSettings): void {
  app.get('/feeds/events.ics', async (request, reply) => {
    try {
      const filter = readEventFilter(request);
      // The list first: its filter reports a malformed id as BAD_USER_INPUT; the lookups after it
      // then turn a well-formed but unknown id into NOT_FOUND instead of an empty calendar.
      const { items, truncated, undated } = await calendarEvents(apollo, filter, itemCap);
      const { query, variables } = namesQuery(filter);
      const names = await runQuery<EventFilterNames>(apollo, query, variables, EVENT_FIELDS);

      const scope = scopeOf(names);
      const title = scope ? `ngo-hub: wydarzenia – ${scope}` : 'ngo-hub: wydarzenia';
      const calendar = ical({
        // ical-generator writes NAME / X-WR-CALNAME / X-WR-CALDESC unescaped: escape as TEXT here.
        name: escapeText(title, false),
        description: escapeText(
          truncated
            ? `Wydarzenia organizacji z sieci ngo-hub: nadchodzące i najnowsze minione, skrócone do ${itemCap} (bez wydarzeń bez daty i z samym miesiącem).`
            : 'Wydarzenia organizacji z sieci ngo-hub (bez wydarzeń bez daty i z samym miesiącem).',
          false,
        ),
        prodId: { company: 'ngo-hub', product: 'events feed', language: 'PL' },
        // name: null keeps DTSTAMP / LAST-MODIFIED in UTC; each event names Europe/Warsaw itself and
        // the generator writes its VTIMEZONE (with the DST rules) once for the events that use it.
        timezone: { name: null, generator: getVtimezoneComponent },
        ttl: 60 * 60,
      });
      calendar.x('X-WR-TIMEZONE', HUB_ZONE);
      let omitted = undated;
      for (const event of items) {
        const data = toCalendarEvent(event);
        if (data) calendar.createEvent(data);
        else omitted += 1;
      }
      const filename = `ngo-hub-events${filter.territory ? `-${names.territory?.code ?? filter.territory}` : ''}.ics`;
      feedHeaders(reply, 'text/calendar; charset=utf-8', filename, { omitted, truncated }, 'inline');
      return sendFeed(request, reply, organizerUris(calendar.toString()), served);
    } catch (error) {
      if (!(error instanceof FeedError)) request.log.error(error);
      return sendFeedError(reply, error);
    }
  });
}
