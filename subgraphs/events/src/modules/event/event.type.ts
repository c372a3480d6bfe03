import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, RecordSource } from '@ngo-hub/kit';
import { Partnership } from '../../federation/partnership.stub.js';
import { Territory } from '../../federation/territory.stub.js';

export enum EventKind {
  WORKSHOP = 'WORKSHOP',
  TRAINING = 'TRAINING',
  CONFERENCE = 'CONFERENCE',
  MEETING = 'MEETING',
  CONSULTATION = 'CONSULTATION',
  FESTIVAL = 'FESTIVAL',
  CULTURAL = 'CULTURAL',
  SPORTS = 'SPORTS',
  STUDY_VISIT = 'STUDY_VISIT',
  FORUM = 'FORUM',
  OTHER = 'OTHER',
}

registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'What sort of event it is (schema.org Event subtypes, adapted to the NGO sector).',
  valuesConfig: {
    WORKSHOP: { description: 'A workshop run with active methods, where participants work on a topic together.' },
    TRAINING: { description: 'A training course or training cycle, possibly with coaching.' },
    CONFERENCE: { description: 'A conference, e.g. one opening or closing a project.' },
    MEETING: { description: 'A working meeting of a team, board or partnership.' },
    CONSULTATION: { description: 'A public consultation or advisory session (konsultacje, doradztwo).' },
    FESTIVAL: { description: 'A festival or community fair (festyn, majówka).' },
    CULTURAL: { description: 'A cultural event: concert, exhibition, performance.' },
    SPORTS: { description: 'A sports event or tournament.' },
    STUDY_VISIT: { description: 'A study visit to learn from another place or organisation.' },
    FORUM: { description: 'A forum bringing many organisations together to present themselves and discuss.' },
    OTHER: { description: 'Any other kind of event.' },
  },
});

export enum EventDatePrecision {
  TIME = 'TIME',
  DAY = 'DAY',
  MONTH = 'MONTH',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(EventDatePrecision, {
  name: 'EventDatePrecision',
  description: 'How much of the date is known; sources often publish only a month, or no date at all.',
  valuesConfig: {
    TIME: { description: 'The exact start time is known.' },
    DAY: { description: 'The day(s) are known but not the hours; startsAt is midnight Warsaw time of the first day.' },
    MONTH: { description: 'Only the month is known; startsAt is midnight Warsaw time of the first day of that month.' },
    UNKNOWN: { description: 'No date has been published; startsAt and endsAt are null.' },
  },
});

export enum EventStatus {
  CONFIRMED = 'CONFIRMED',
  TENTATIVE = 'TENTATIVE',
  CANCELLED = 'CANCELLED',
}

registerEnumType(EventStatus, {
  name: 'EventStatus',
  description: 'Whether the event takes place, as iCalendar STATUS.',
  valuesConfig: {
    CONFIRMED: { description: 'The event takes (or took) place.' },
    TENTATIVE: { description: 'The event is planned but not confirmed.' },
    CANCELLED: { description: 'The event was cancelled.' },
  },
});

@ObjectType('EventVenue', { description: 'Where an event takes place (schema.org Place with a PostalAddress).' })
export class EventVenue {
  @Field(() => String, { nullable: true, description: 'Name of the place, e.g. a hall or a hotel, when published.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Street, building and unit.' })
  streetAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'Polish postal code, NN-NNN.' })
  postalCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Town or village, in Polish.' })
  locality!: string | null;

  @Field(() => Territory, {
    nullable: true,
    description: 'The TERC unit of the venue (a gmina, or a voivodeship or powiat when only that is known).',
  })
  territory!: Territory | null;
}

@ObjectType('Event', {
  description: 'An event organised by organisations of the network (iCalendar VEVENT / schema.org Event).',
})
@Directive('@key(fields: "id")')
export class Event {
  @Field(() => ID, { description: 'Stable identifier of the event in the hub.' })
  id!: string;

  @Field({ description: 'Title of the event, in Polish as published (iCalendar SUMMARY).' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What happens at the event, in Polish.' })
  description!: string | null;

  @Field(() => EventKind, { description: 'What sort of event it is.' })
  kind!: EventKind;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'When the event starts (iCalendar DTSTART), read together with datePrecision; null when no date is published.',
  })
  startsAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the event ends, when known; for whole-day events the last millisecond of the last day.',
  })
  endsAt!: Date | null;

  @Field(() => EventDatePrecision, { description: 'How much of startsAt is known.' })
  datePrecision!: EventDatePrecision;

  @Field({ description: 'Whether the event takes whole days rather than set hours.' })
  allDay!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Length of the programme in hours as published (e.g. 16 for two 8-hour workshop days), when known.',
  })
  durationHours!: number | null;

  @Field(() => EventVenue, { nullable: true, description: 'Where the event takes place, when known.' })
  venue!: EventVenue | null;

  @Field(() => Partnership, { nullable: true, description: 'The partnership the event belongs to, if any.' })
  partnership!: Partnership | null;

  @Field(() => [String], { description: 'Who the event is for, in Polish, e.g. "organizacje pozarządowe z Podlasia".' })
  audience!: string[];

  @Field(() => String, { nullable: true, description: 'Web page of the event.' })
  url!: string | null;

  @Field(() => EventStatus, { description: 'Whether the event takes place (iCalendar STATUS).' })
  status!: EventStatus;

  @Field(() => DateTimeScalar, { description: 'When this record last changed.' })
  updatedAt!: Date;

  @Field(() => RecordSource, {
    description:
      'Where this event comes from: a seed document (real), the synthetic demonstration layer (invented; not a real event), or a write through the API.',
  })
  source!: RecordSource;

  @Field(() => DateTimeScalar, { description: 'When this record was added to the hub.' })
  createdAt!: Date;
}

export enum EventSort {
  STARTS_AT = 'STARTS_AT',
  STARTS_AT_DESC = 'STARTS_AT_DESC',
  RELEVANCE = 'RELEVANCE',
  TITLE = 'TITLE',
  UPDATED = 'UPDATED',
}

registerEnumType(EventSort, {
  name: 'EventSort',
  description:
    'Orders of an event list. Without a sort, a list with filter.search is ordered by RELEVANCE, any other by STARTS_AT.',
  valuesConfig: {
    STARTS_AT: { description: 'By start, earliest first; events without a published date last.' },
    STARTS_AT_DESC: { description: 'By start, latest first; events without a published date last.' },
    RELEVANCE: {
      description:
        'Best match of filter.search first (titles containing the words before near matches), then by start; without a search the same as STARTS_AT.',
    },
    TITLE: { description: 'By title in Polish alphabetical order (Ł after L, Ż last), ignoring case.' },
    UPDATED: {
      description:
        'By last change (updatedAt), oldest first, ties by id: with filter.modifiedSince, the order an incremental sync pages in.',
    },
  },
});
