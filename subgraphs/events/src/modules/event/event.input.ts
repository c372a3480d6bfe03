import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '@ngo-hub/kit';
import { EventDatePrecision, EventKind, EventStatus } from './event.type.js';

@InputType('EventFilter', {
  description:
    'Filters for event lists; all given filters must hold. Events without a published date never match from, to or upcoming.',
})
export class EventFilter {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Only events still running at or after this instant (the end, or the start when no end is known; a MONTH-precision event runs to the end of its month).',
  })
  from?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Only events starting at or before this instant; must not be before from.',
  })
  to?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'TERC code; matches events whose venue lies anywhere inside that unit ("20" = all of Podlaskie).',
  })
  territory?: string | null;

  @Field(() => EventKind, { nullable: true, description: 'Only events of this kind.' })
  kind?: EventKind | null;

  @Field(() => ID, { nullable: true, description: 'Only events this organisation (co-)organises.' })
  organiser?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events of this partnership.' })
  partnership?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only events starting now or later; false: only events that started before now.',
  })
  upcoming?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Words in the title, at most 200 characters; case and Polish diacritics (ł too) are ignored and a small typo is tolerated.',
  })
  search?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Only events changed at or after this instant (updatedAt >= modifiedSince), whatever their status: a cancelled event comes back with status CANCELLED. A change of its organisers counts. No filter hides any by default; the other filters given still hold, so a sync passes this one alone. To sync: pass the largest updatedAt seen so far, sort UPDATED, and upsert by id (the rows at that instant come again).',
  })
  modifiedSince?: Date | null;
}

@InputType('EventVenueInput', { description: 'Where an event takes place.' })
export class EventVenueInput {
  @Field(() => String, { nullable: true, description: 'Name of the place.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Street, building and unit.' })
  streetAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'Polish postal code, NN-NNN.' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Town or village.' })
  locality?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'TERC code of the venue; must exist in the territorial register.',
  })
  territory?: string | null;
}

@InputType('CreateEventInput', {
  description:
    'A new event. TIME, DAY and MONTH precision need startsAt (DAY: midnight Warsaw time; MONTH: midnight of the 1st), UNKNOWN needs no dates; endsAt must not be before startsAt.',
})
export class CreateEventInput {
  @Field({ description: 'Title, in Polish.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What happens at the event.' })
  description?: string | null;

  @Field(() => EventKind, { description: 'What sort of event it is.' })
  kind!: EventKind;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Start; an input without offset is read as Warsaw time.',
  })
  startsAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'End, when known.' })
  endsAt?: Date | null;

  @Field(() => EventDatePrecision, { description: 'How much of the date is known.' })
  datePrecision!: EventDatePrecision;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whole-day event; defaults to true for DAY and MONTH precision, false otherwise; not allowed with TIME.',
  })
  allDay?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Length of the programme in hours, when published.' })
  durationHours?: number | null;

  @Field(() => EventVenueInput, { nullable: true, description: 'Where the event takes place.' })
  venue?: EventVenueInput | null;

  @Field(() => [ID], { description: 'Ids of the organising organisations, the lead organiser first.' })
  organiserIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Id of the partnership the event belongs to.' })
  partnershipId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Who the event is for, in Polish.' })
  audience?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Web page of the event (http or https).' })
  url?: string | null;

  @Field(() => EventStatus, {
    nullable: true,
    description: 'CONFIRMED (default) or TENTATIVE; use cancelEvent to cancel.',
  })
  status?: EventStatus | null;
}
