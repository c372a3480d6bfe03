import { Field, InputType } from 'type-graphql';

@InputType('CreateWebhookInput', { description: 'A new webhook: where to send which changes.' })
export class CreateWebhookInput {
  @Field({
    description:
      'The https:// address to POST to (not localhost nor a private address; WEBHOOKS_ALLOW_PRIVATE lifts that for local testing).',
  })
  url!: string;

  @Field(() => [String], { description: 'Change types to receive, at least one (see `changeTypes`).' })
  events!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      "TERC code: only changes within it (by the change's territory). A PORTAL key limited to territories must name one within them.",
  })
  territory?: string | null;
}
