import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { CHANGE_TYPES } from './change.types.js';

@ObjectType('ChangeType', { description: 'A kind of change a webhook can subscribe to.' })
export class ChangeTypeInfo {
  @Field({ description: 'Its name, as in `createWebhook(input: { events })` and the delivery body `type`.' })
  name!: string;

  @Field({ description: 'Which writes it stands for.' })
  description!: string;
}

@Resolver()
export class ChangeResolver {
  @Query(() => [ChangeTypeInfo], { description: 'Every kind of change webhooks can subscribe to.' })
  changeTypes(): ChangeTypeInfo[] {
    return Object.entries(CHANGE_TYPES).map(([name, description]) =>
      Object.assign(new ChangeTypeInfo(), { name, description }),
    );
  }
}
