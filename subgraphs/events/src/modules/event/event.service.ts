import {
  authorize,
  coordinates,
  editsOrganisation,
  givenFields,
  inTransaction,
  recordAudit,
  type ChangeSummary,
  type Db,
  type Identity,
  type Viewer,
  RecordSource,
} from '@ngo-hub/kit';
import { randomUUID } from 'node:crypto';
import { DateTime as Luxon } from 'luxon';
import { z } from 'zod';
import {
  AppError,
  assertHubId,
  assertReferencesExist,
  assertTercCode,
  HUB_ZONE,
  hubIdSchema,
  optionalTextSchema,
  pageRequest,
  requireViewer,
  searchText,
  tercCodeSchema,
  territoryPrefixes,
  validateInput,
  type Connection,
  type PageArgs,
} from '@ngo-hub/kit';
import type { EventEntity } from './event.entity.js';
import { recordOrganisers } from './event.outbox.js';
import type { CreateEventInput, EventFilter } from './event.input.js';
import {
  eventList,
  EventRepository,
  type EventCriteria,
  type EventListQuery,
  type EventRecord,
} from './event.repository.js';
import { Event, EventDatePrecision, EventKind, EventStatus, type EventSort } from './event.type.js';

/** The one mapping to `Event`: of read paths' plain records and of write paths' entities alike. */
export function toEvent(row: EventRecord): Event {
  const hasVenue =
    row.venueName != null ||
    row.venueStreetAddress != null ||
    row.venuePostalCode != null ||
    row.venueLocality != null ||
    row.venueTerritoryCode != null;
  return Object.assign(new Event(), {
    createdAt: row.createdAt,
    id: row.id,
    title: row.title,
    description: row.description,
    kind: row.kind as EventKind,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    datePrecision: row.datePrecision as EventDatePrecision,
    allDay: row.allDay,
    durationHours: row.durationHours,
    venue: hasVenue
      ? {
          name: row.venueName,
          streetAddress: row.venueStreetAddress,
          postalCode: row.venuePostalCode,
          locality: row.venueLocality,
          territory: row.venueTerritoryCode ? { code: row.venueTerritoryCode } : null,
        }
      : null,
    partnership: row.partnershipId ? { id: row.partnershipId } : null,
    audience: row.audience,
    url: row.url,
    status: row.status as EventStatus,
    updatedAt: row.updatedAt,
    source: row.source as RecordSource,
  });
}

/** Validates the filter (and its `to` ≥ `from`) into plain criteria. */
export function eventCriteria(filter: EventFilter | null | undefined): EventCriteria {
  const from = filter?.from ?? null;
  const to = filter?.to ?? null;
  if (from && to && to < from) throw AppError.badInput('filter.to', 'to must not be before from');
  return {
    from: from?.toISOString() ?? null,
    to: to?.toISOString() ?? null,
    territoryPrefixes: filter?.territory
      ? territoryPrefixes(assertTercCode(filter.territory, 'filter.territory'))
      : null,
    kind: filter?.kind ?? null,
    organiserId: assertHubId(filter?.organiser, 'filter.organiser'),
    partnershipId: assertHubId(filter?.partnership, 'filter.partnership'),
    upcoming: filter?.upcoming ?? null,
    search: searchText(filter?.search),
    modifiedSince: filter?.modifiedSince?.toISOString() ?? null,
  };
}

/** Validates the arguments of an event list (root or a parent's): bad input is BAD_USER_INPUT naming the argument, before any SQL. */
export function eventQuery(
  filter: EventFilter | null | undefined,
  sort: EventSort | null | undefined,
  args: PageArgs,
): EventListQuery {
  const page = pageRequest(args);
  return eventList.query(eventCriteria(filter), sort, page);
}

export function listEvents(
  em: Db,
  filter: EventFilter | null | undefined,
  sort: EventSort | null | undefined,
  args: PageArgs,
): Promise<Connection<Event>> {
  return new EventRepository(em).list(eventQuery(filter, sort, args), toEvent);
}

const atWarsaw = (date: Date) => Luxon.fromJSDate(date).setZone(HUB_ZONE);

const createSchema = z
  .object({
    title: z.string().trim().min(1, 'a title is required').max(500),
    description: optionalTextSchema(10_000),
    kind: z.enum(EventKind),
    startsAt: z.date().nullish(),
    endsAt: z.date().nullish(),
    datePrecision: z.enum(EventDatePrecision),
    allDay: z.boolean().nullish(),
    durationHours: z.number().int().min(1).max(10_000).nullish(),
    venue: z
      .object({
        name: optionalTextSchema(300),
        streetAddress: optionalTextSchema(300),
        postalCode: z
          .string()
          .regex(/^\d{2}-\d{3}$/, 'a Polish postal code has the form NN-NNN')
          .nullish(),
        locality: optionalTextSchema(200),
        territory: tercCodeSchema.nullish(),
      })
      .nullish(),
    organiserIds: z
      .array(hubIdSchema)
      .min(1, 'an event has at least one organiser')
      .max(20)
      .superRefine((ids, ctx) => {
        const seen = new Set<string>();
        ids.forEach((id, i) => {
          if (seen.has(id.toLowerCase()))
            ctx.addIssue({ code: 'custom', path: [i], message: 'organiser listed twice' });
          seen.add(id.toLowerCase());
        });
      }),
    partnershipId: hubIdSchema.nullish(),
    audience: z.array(z.string().trim().min(1).max(300)).max(20).nullish(),
    url: z.url({ protocol: /^https?$/ }).nullish(),
    status: z.enum([EventStatus.CONFIRMED, EventStatus.TENTATIVE]).nullish(),
  })
  .superRefine((e, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (e.datePrecision === EventDatePrecision.UNKNOWN) {
      if (e.startsAt) issue('startsAt', 'an event with UNKNOWN date precision has no startsAt');
      if (e.endsAt) issue('endsAt', 'an event with UNKNOWN date precision has no endsAt');
      return;
    }
    if (!e.startsAt) {
      issue('startsAt', `${e.datePrecision} date precision needs startsAt`);
      return;
    }
    const start = atWarsaw(e.startsAt);
    if (e.datePrecision !== EventDatePrecision.TIME && !start.equals(start.startOf('day'))) {
      issue('startsAt', `with ${e.datePrecision} precision startsAt is midnight Warsaw time`);
    }
    if (e.datePrecision === EventDatePrecision.MONTH && start.day !== 1) {
      issue('startsAt', 'with MONTH precision startsAt is the first day of the month');
    }
    if (e.datePrecision === EventDatePrecision.TIME && e.allDay)
      issue('allDay', 'an all-day event has DAY or MONTH date precision, not TIME');
    if (e.endsAt && e.endsAt < e.startsAt) issue('endsAt', 'endsAt must not be before startsAt');
  });

/** Who besides ADMIN may create or cancel an event, in the words of a FORBIDDEN error. */
const EVENT_WRITERS = 'an ORGANISATION_EDITOR of one of its organisers or the COORDINATOR of its partnership';

/** The event's organisers and partnership decide who may write it (docs/access.md). */
function authorizeEventWrite(
  context: Viewer,
  action: string,
  event: { organiserIds: readonly string[]; partnershipId?: string | null },
  fields: { organisers: string; partnership: string },
): Identity {
  return authorize(context, {
    action,
    needs: EVENT_WRITERS,
    allows: (v) =>
      event.organiserIds.some((id) => editsOrganisation(v, id.toLowerCase())) ||
      coordinates(v, event.partnershipId?.toLowerCase()),
    field: context.viewer?.role === 'COORDINATOR' ? fields.partnership : fields.organisers,
  });
}

/**
 * Creates an event with its organisers and publishes them, in one transaction. The organisers and
 * the partnership must be known to the hub (the `known_id` replica of what organisations and
 * partnerships published): every unknown one is listed in one NOT_FOUND error.
 */
export async function createEvent(db: Db, context: Viewer, input: CreateEventInput): Promise<Event> {
  // Decided on the input alone: whoever may names themselves among the organisers or as the partnership.
  const viewer = authorizeEventWrite(context, 'createEvent', input, {
    organisers: 'input.organiserIds',
    partnership: 'input.partnershipId',
  });
  const data = validateInput(createSchema, input);
  const precision = data.datePrecision;
  const row = await inTransaction(db, async (tx) => {
    await assertReferencesExist(tx, 'events', [
      ...data.organiserIds.map((id, i) => ({ kind: 'organisation' as const, id, field: `input.organiserIds.${i}` })),
      ...(data.partnershipId
        ? [{ kind: 'partnership' as const, id: data.partnershipId, field: 'input.partnershipId' }]
        : []),
    ]);
    const organiserIds = data.organiserIds.map((id) => id.toLowerCase());
    const event = (await new EventRepository(tx).insert(
      {
        id: randomUUID(),
        title: data.title,
        description: data.description ?? null,
        kind: data.kind,
        startsAt: data.startsAt ?? null,
        endsAt: data.endsAt ?? null,
        datePrecision: precision,
        allDay: data.allDay ?? (precision === EventDatePrecision.DAY || precision === EventDatePrecision.MONTH),
        durationHours: data.durationHours ?? null,
        venueName: data.venue?.name ?? null,
        venueStreetAddress: data.venue?.streetAddress ?? null,
        venuePostalCode: data.venue?.postalCode ?? null,
        venueLocality: data.venue?.locality ?? null,
        venueTerritoryCode: data.venue?.territory ?? null,
        partnershipId: data.partnershipId?.toLowerCase() ?? null,
        audience: data.audience ?? [],
        url: data.url ?? null,
        status: data.status ?? EventStatus.CONFIRMED,
      },
      organiserIds,
    ))!;
    await recordOrganisers(tx, event.id, organiserIds, event.startsAt);
    await recordAudit(tx, 'events', viewer, {
      operation: 'createEvent',
      entityType: 'Event',
      entityId: event.id,
      changedFields: givenFields(input),
      summary: eventSummary(event),
    });
    return event;
  });
  return toEvent(row);
}

/** What subscribers are told about an event (public fields only). */
function eventSummary(event: EventEntity): ChangeSummary {
  return {
    title: event.title,
    territoryCode: event.venueTerritoryCode,
    status: event.status,
    startsAt: event.startsAt?.toISOString() ?? null,
    endsAt: event.endsAt?.toISOString() ?? null,
    url: event.url,
    related: { partnershipId: event.partnershipId },
  };
}

/**
 * Marks an event CANCELLED (iCalendar STATUS:CANCELLED); the record stays so links keep working.
 * Who may is decided on the stored organisers and partnership, read under the row lock before any write.
 */
export async function cancelEvent(db: Db, context: Viewer, id: string): Promise<Event> {
  requireViewer(context, 'cancelEvent');
  assertHubId(id, 'id');
  const row = await inTransaction(db, async (tx) => {
    const events = new EventRepository(tx);
    const existing = await events.lockForUpdate(id);
    if (!existing) throw AppError.notFound('Event', id);
    const viewer = authorizeEventWrite(
      context,
      'cancelEvent',
      { organiserIds: await events.storedOrganiserIds(existing.id), partnershipId: existing.partnershipId },
      { organisers: 'id', partnership: 'id' },
    );
    if (existing.status === EventStatus.CANCELLED) return existing;
    // A cancelled event is no cooperation: withdraw its organisers (an already cancelled one was withdrawn then).
    await recordOrganisers(tx, id, null, null);
    const cancelled = await events.setStatus(id, EventStatus.CANCELLED);
    await recordAudit(tx, 'events', viewer, {
      operation: 'cancelEvent',
      entityType: 'Event',
      entityId: cancelled.id,
      changedFields: ['status'],
      summary: eventSummary(cancelled),
    });
    return cancelled;
  });
  return toEvent(row);
}
