import 'reflect-metadata';
import { Directive, Field, InputType, ObjectType } from 'type-graphql';
import { z } from 'zod';

/**
 * The person to contact about an organisation or a partnership: personal data, so the owning
 * subgraph shows it only to the identities docs/access.md names. One shape for both owners, hence
 * shareable.
 */
@ObjectType('ContactPerson', { description: 'A person to contact; personal data, visible only to those entitled.' })
@Directive('@shareable')
export class ContactPerson {
  @Field({ description: 'Full name of the person.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'E-mail address of the person.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Telephone number of the person.' })
  phone!: string | null;
}

@InputType('ContactPersonInput', { description: 'A person to contact.' })
export class ContactPersonInput {
  @Field({ description: 'Full name, 1–200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Telephone: digits, spaces, dashes, brackets and an optional leading +.',
  })
  phone?: string | null;
}

/** Validates a ContactPersonInput; absent email or phone become null. */
export const contactPersonSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z
    .email()
    .nullish()
    .transform((value) => value ?? null),
  phone: z
    .string()
    .regex(/^[+\d][\d ()-]{5,30}$/, 'a phone number has digits, spaces, dashes, brackets and an optional leading +')
    .nullish()
    .transform((value) => value ?? null),
});
