import { Field, ID, InputType } from 'type-graphql';
import { ApiKeyRole } from './api-key.type.js';
import type { Role } from '@ngo-hub/kit';

@InputType('CreateApiKeyInput', { description: 'A new key: its role and what the role is bound to.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for (who holds it), 1–200 characters.' })
  name!: string;

  @Field(() => ApiKeyRole, { description: 'What the key may do.' })
  role!: Role;

  @Field(() => ID, {
    nullable: true,
    description: 'The organisation an ORGANISATION_EDITOR edits (required for it, refused for others).',
  })
  organisationId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The partnership a COORDINATOR coordinates (required for it, refused for others).',
  })
  partnershipId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The funder a FUNDER_OFFICER acts for (required for it, refused for others).',
  })
  funderId?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'TERC codes a FUNDER_OFFICER or PORTAL key is limited to (at most 50); none means no limit.',
  })
  territories?: string[] | null;
}

@InputType('ApiKeyFilter', { description: 'Conditions the keys must meet.' })
export class ApiKeyFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or only revoked (false) keys.' })
  active?: boolean | null;

  @Field(() => ApiKeyRole, { nullable: true, description: 'Only keys of this role.' })
  role?: Role | null;
}
