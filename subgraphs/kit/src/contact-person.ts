import { Directive, Field, InputType, ObjectType } from 'type-graphql';
import { z } from 'zod';

/**
 * A contact person of a record (an organisation, a partnership): personal data, so the owning
 * subgraph shows it only to the identities docs/access.md names and answers null to everyone else.
 */
@ObjectType({
  description: 'A person to contact about a record. Personal data: null for callers not allowed to see it.',
})
// Organisations and partnerships both return it: one value type, declared alike in each.
@Directive('@shareable')
export class ContactPerson {
  @Field({ description: 'Full name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Telephone number as given.' })
  phone!: string | null;
}

@InputType({ description: 'A contact person; the whole person is replaced, so omitted e-mail or phone are cleared.' })
export class ContactPersonInput {
  @Field({ description: 'Full name, 1 to 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Telephone: digits, spaces, dashes, brackets and an optional leading +.',
  })
  phone?: string | null;
}

/** Validates a `ContactPersonInput`. */
export const contactPersonSchema = z.object({
  name: z.string().trim().min(1, 'a name is required').max(200),
  email: z.email().nullish(),
  phone: z
    .string()
    .regex(/^[+\d][\d ()-]{5,30}$/, 'a phone number has digits, spaces, dashes, brackets and an optional leading +')
    .nullish(),
});
