import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum NoticeKind {
  EVENTS = 'EVENTS',
  CALLS = 'CALLS',
}
registerEnumType(NoticeKind, {
  name: 'NoticeKind',
  description: 'What an e-mail notice subscription is told about.',
  valuesConfig: {
    EVENTS: { description: 'New events in the territory (event.created).' },
    CALLS: { description: 'New competitions (calls for proposals) for the territory (call.published).' },
  },
});

export enum NoticeFrequency {
  IMMEDIATE = 'IMMEDIATE',
  DAILY = 'DAILY',
}
registerEnumType(NoticeFrequency, {
  name: 'NoticeFrequency',
  description: 'How often notices are sent.',
  valuesConfig: {
    IMMEDIATE: { description: 'One e-mail per new event or competition, as soon as it is announced.' },
    DAILY: { description: 'One digest a day at 07:00 (Europe/Warsaw) of everything announced since the last one.' },
  },
});

/** The answer to a subscription request: never the address nor a token (the address is personal data). */
@ObjectType('NoticeSubscriptionRequest', { description: 'What became of a request to subscribe to e-mail notices.' })
export class NoticeSubscriptionRequest {
  @Field({ description: 'True when the request was recorded.' })
  accepted!: boolean;

  @Field({ description: 'What happens next, in Polish, for showing to the person who asked.' })
  message!: string;
}
