import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * An event as stored: the row shape the repository maps results into (writes are its SQL; its
 * organisers are plain rows of `event_organiser`). The public `Event` type is mapped from it in the service.
 */
@Entity({ tableName: 'event' })
export class EventEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  @Property({ type: 'text' })
  kind!: string;

  /** Null when no date is published (date_precision UNKNOWN). */
  @Property({ type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Property({ type: 'text' })
  datePrecision!: string;

  @Property({ type: 'boolean', default: false })
  allDay: boolean = false;

  @Property({ type: 'integer', nullable: true })
  durationHours!: number | null;

  @Property({ type: 'text', nullable: true })
  venueName!: string | null;

  @Property({ type: 'text', nullable: true })
  venueStreetAddress!: string | null;

  @Property({ type: 'text', nullable: true })
  venuePostalCode!: string | null;

  @Property({ type: 'text', nullable: true })
  venueLocality!: string | null;

  /** TERC code of the venue (finest unit known); territory filters match it by prefix. */
  @Property({ type: 'string', length: 7, nullable: true })
  venueTerritoryCode!: string | null;

  /** Key of a partnership owned by the partnerships subgraph; never joined here. */
  @Property({ type: 'uuid', nullable: true })
  partnershipId!: string | null;

  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  audience: string[] = [];

  @Property({ type: 'text', nullable: true })
  url!: string | null;

  @Property({ type: 'text', default: 'CONFIRMED' })
  status: string = 'CONFIRMED';

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Set by the repository's updates. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  /** RecordSource: SEED_DOCUMENT, SYNTHETIC or CONTRIBUTED. */
  @Property({ type: 'text', defaultRaw: "'CONTRIBUTED'" })
  source!: string;
}
