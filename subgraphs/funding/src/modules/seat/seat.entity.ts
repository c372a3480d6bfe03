import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * An organisation's seat (TERC code) as last published by the organisations subgraph on the
 * `TOPICS.organisationSeat` topic; a read model, written only by its inbox handler (seat.inbox.ts).
 */
@Entity({ tableName: 'organisation_seat' })
export class OrganisationSeatEntity {
  @PrimaryKey({ type: 'uuid' })
  organisationId!: string;

  /** Null when the organisation has no known seat. */
  @Property({ type: 'string', length: 7, nullable: true })
  territoryCode!: string | null;
}
