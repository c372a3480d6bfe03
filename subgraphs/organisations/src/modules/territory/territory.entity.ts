import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A unit of the TERC register, synced from the kit's copy of the GUS file at every start. */
@Entity({ tableName: 'territory' })
export class TerritoryEntity {
  @PrimaryKey({ type: 'string', length: 7 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  level!: string;

  @Property({ type: 'string', length: 7, nullable: true })
  parentCode!: string | null;

  @Property({ type: 'date' })
  asOf!: string;
}
