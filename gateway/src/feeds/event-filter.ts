import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { FeedError, readParams, type FieldMap } from './graphql.js';

export const HUB_ZONE = 'Europe/Warsaw';

/** The URL parameters of the event feeds (`events.ics`, `events.atom`); each maps onto EventFilter. */
export const EVENT_PARAMS = ['territory', 'organisation', 'partnership', 'kind', 'from', 'to', 'upcoming'] as const;

/** Where a subgraph's error points (response path root or argument path) → the feed's URL parameter. */
export const EVENT_FIELDS: FieldMap = {
  territory: 'territory',
  organisation: 'organisation',
  partnership: 'partnership',
  'filter.territory': 'territory',
  'filter.organiser': 'organisation',
  'filter.partnership': 'partnership',
  'filter.kind': 'kind',
  'filter.from': 'from',
  'filter.to': 'to',
  'filter.upcoming': 'upcoming',
};

export interface EventFeedFilter {
  territory?: string;
  organiser?: string;
  partnership?: string;
  kind?: string;
  from?: string;
  to?: string;
  upcoming?: boolean;
}

/** `true` / `false` (any case), or a 400 naming the parameter. */
export function readBoolean(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new FeedError(400, 'BAD_USER_INPUT', `"${name}" must be true or false`, name);
}

/**
 * A date (`2026-03-01`) or a date-time (`2026-03-01T18:00`, with or without an offset; without one it
 * is Warsaw time) → an ISO instant. A bare date means the whole day in Warsaw: its start for `from`,
 * its last millisecond for `to`, so `from=2026-03-01&to=2026-03-31` is all of March.
 */
export function readInstant(value: string | undefined, name: 'from' | 'to'): string | undefined {
  if (value === undefined) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const parsed = DateTime.fromISO(value, { zone: HUB_ZONE, setZone: true });
  if (!parsed.isValid || !/^\d{4}-\d{2}-\d{2}/.test(value))
    throw new FeedError(
      400,
      'BAD_USER_INPUT',
      `"${name}" must be a date (2026-03-01) or an ISO 8601 date-time (2026-03-01T18:00+01:00)`,
      name,
    );
  const instant = dateOnly && name === 'to' ? parsed.endOf('day') : parsed;
  return instant.toISO()!;
}

/** Reads and checks the event feeds' parameters; names, kinds and ids are checked by the API itself. */
export function readEventFilter(request: FastifyRequest): EventFeedFilter {
  const params = readParams(request, EVENT_PARAMS);
  return {
    territory: params.territory,
    organiser: params.organisation,
    partnership: params.partnership,
    // The API's enum is upper case; `kind=workshop` is the same wish.
    kind: params.kind?.toUpperCase(),
    from: readInstant(params.from, 'from'),
    to: readInstant(params.to, 'to'),
    upcoming: readBoolean(params.upcoming, 'upcoming'),
  };
}

/** Checks that the filters name existing things (unknown code or id → 400) and names the feed after them. */
const NAMES = `query EventsFeedNames($territory: String!, $organisation: ID!, $partnership: ID!, $withTerritory: Boolean!, $withOrganisation: Boolean!, $withPartnership: Boolean!) {
  territory(code: $territory) @include(if: $withTerritory) { code name }
  organisation(id: $organisation) @include(if: $withOrganisation) { name }
  partnership(id: $partnership) @include(if: $withPartnership) { name }
}`;

export interface EventFilterNames {
  territory?: { code: string; name: string };
  organisation?: { name: string };
  partnership?: { name: string };
}

export function namesQuery(filter: EventFeedFilter): { query: string; variables: Record<string, unknown> } {
  return {
    query: NAMES,
    variables: {
      territory: filter.territory ?? '',
      organisation: filter.organiser ?? '',
      partnership: filter.partnership ?? '',
      withTerritory: Boolean(filter.territory),
      withOrganisation: Boolean(filter.organiser),
      withPartnership: Boolean(filter.partnership),
    },
  };
}

/** "Liw · Koło Gospodyń…" — what the filter narrows the feed to, for its title. */
export function scopeOf(names: EventFilterNames): string {
  return [names.territory?.name, names.organisation?.name, names.partnership?.name].filter(Boolean).join(' · ');
}
