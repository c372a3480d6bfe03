import type { FastifyInstance } from 'fastify';
import { labelOf } from '@ngo-hub/kit/labels';
import { DateTime } from 'luxon';
import { EVENT_FIELDS, type EventFilterNames, HUB_ZONE, namesQuery, readEventFilter, scopeOf } from './event-filter.js';
import { collectEvents, type EventSort, type FeedEvent } from './event-source.js';
import { type FeedApollo, type FeedSettings, runQuery } from './graphql.js';
import { feedId, registerSyndication, type SyndicationEntry, truncationNote } from './syndication.js';

/**
 * "New events": the order of the feed and the date each entry is "updated" by. The one place to
 * switch once the API lists events by creation (`createdAt`, a newest-created sort): today the
 * newest are the latest-starting ones, and an entry's `updated` is the event's own `updatedAt`.
 */
const NEWEST: { sort: EventSort; order: string } = { sort: 'STARTS_AT_DESC', order: 'najpóźniej rozpoczynające się' };

const warsaw = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(HUB_ZONE).setLocale('pl');

/** When the event takes place, in Polish, to the precision the organisers published. */
export function whenPl(event: Pick<FeedEvent, 'startsAt' | 'endsAt' | 'datePrecision'>): string {
  if (!event.startsAt || event.datePrecision === 'UNKNOWN') return labelOf('EventDatePrecision', 'UNKNOWN');
  const start = warsaw(event.startsAt);
  const end = event.endsAt ? warsaw(event.endsAt) : null;
  switch (event.datePrecision) {
    case 'MONTH':
      return start.toFormat('LLLL yyyy');
    case 'DAY':
      return end && !end.hasSame(start, 'day')
        ? `${start.toFormat('d MMMM yyyy')} – ${end.toFormat('d MMMM yyyy')}`
        : start.toFormat('d MMMM yyyy');
    default:
      if (!end) return start.toFormat("d MMMM yyyy', godz.' HH:mm");
      return end.hasSame(start, 'day')
        ? `${start.toFormat("d MMMM yyyy', godz.' HH:mm")}–${end.toFormat('HH:mm')}`
        : `${start.toFormat("d MMMM yyyy', godz.' HH:mm")} – ${end.toFormat("d MMMM yyyy', godz.' HH:mm")}`;
  }
}

function eventEntry(event: FeedEvent): SyndicationEntry {
  const venue = event.venue
    ? [
        event.venue.name,
        event.venue.streetAddress,
        [event.venue.postalCode, event.venue.locality].filter(Boolean).join(' '),
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  const facts = [
    `${labelOf('EventKind', event.kind)}, ${whenPl(event)}`,
    // A cancellation shouts, so nobody sets off for it.
    event.status === 'CANCELLED'
      ? labelOf('EventStatus', 'CANCELLED').toLocaleUpperCase('pl-PL')
      : event.status === 'TENTATIVE'
        ? labelOf('EventStatus', 'TENTATIVE')
        : '',
    venue ? `Miejsce: ${venue}` : '',
    event.organisers.length ? `Organizatorzy: ${event.organisers.map((o) => o.name).join(', ')}` : '',
  ].filter(Boolean);
  const summary = `${facts.join('. ')}.${event.description ? `\n\n${event.description}` : ''}`;
  return {
    id: `urn:uuid:${event.id}`,
    title: event.title,
    updated: DateTime.fromISO(event.updatedAt, { setZone: true }).toUTC().toISO()!,
    url: event.url,
    summary,
    categories: [event.kind],
  };
}

export function registerEventsAtomFeed(
  app: FastifyInstance,
  apollo: FeedApollo,
  { itemCap, served }: FeedSettings,
): void {
  registerSyndication(app, 'events', served, async (request, self) => {
    const filter = readEventFilter(request);
    const { items, truncated } = await collectEvents(apollo, filter, NEWEST.sort, itemCap);
    const { query, variables } = namesQuery(filter);
    const names = await runQuery<EventFilterNames>(apollo, query, variables, EVENT_FIELDS);
    const scope = scopeOf(names);
    return {
      id: feedId('events', filter),
      title: scope ? `ngo-hub: wydarzenia – ${scope}` : 'ngo-hub: wydarzenia',
      subtitle: truncated
        ? truncationNote(itemCap, NEWEST.order)
        : `Wydarzenia organizacji z sieci ngo-hub, ${NEWEST.order} na górze.`,
      self,
      entries: items.map(eventEntry),
      truncated,
    };
  });
}
