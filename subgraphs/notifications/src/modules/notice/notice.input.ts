import { Field, InputType } from 'type-graphql';
import { NoticeFrequency, NoticeKind } from './notice.type.js';

@InputType('SubscribeToNoticesInput', { description: 'Who wants e-mail notices about what, where and how often.' })
export class SubscribeToNoticesInput {
  @Field({ description: 'The e-mail address notices go to; it receives a confirmation link first.' })
  email!: string;

  @Field({ description: 'TERC code (2, 4 or 7 digits) of the area: everything within it is notified.' })
  territory!: string;

  @Field(() => [NoticeKind], { description: 'What to be told about (at least one).' })
  kinds!: NoticeKind[];

  @Field(() => NoticeFrequency, { nullable: true, description: 'How often; IMMEDIATE when omitted.' })
  frequency?: NoticeFrequency | null;
}
