import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '@ngo-hub/kit';
import { Money } from '../common/money.js';

@ObjectType('Call', { description: 'A call for proposals (konkurs ofert / nabór wniosków) announced by a funder.' })
@Directive('@key(fields: "id")')
export class Call {
  @Field(() => ID, { description: 'Stable identifier of the call in the hub.' })
  id!: string;

  @Field({ description: 'Title of the call, in Polish as announced.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the call funds and who may apply, in Polish.' })
  description!: string | null;

  @Field(() => LocalDateScalar, { description: 'First day applications are accepted.' })
  opensOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day applications are accepted; null for a call without a deadline.' })
  closesOn!: string | null;

  @Field(() => Money, { nullable: true, description: 'Money available in the call, when announced.' })
  budget!: Money | null;

  @Field(() => String, { nullable: true, description: 'Web page of the announcement.' })
  url!: string | null;

  /** Not public: resolved through loaders. */
  funderId!: string;
  programmeId!: string | null;
}
