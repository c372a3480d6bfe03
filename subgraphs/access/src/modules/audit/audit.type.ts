import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { connectionType } from '@ngo-hub/kit';
import { ApiKeyRole } from '../api-key/api-key.type.js';
import type { Role } from '@ngo-hub/kit';

@ObjectType('AuditActor', { description: 'Who made a change, as the credential said.' })
export class AuditActor {
  @Field({ description: '`key:<API key id>`, `jwt:<subject>` or `admin-token`.' })
  subject!: string;

  @Field({ description: "The key's or token's name at the time." })
  name!: string;

  @Field(() => ApiKeyRole, { description: 'The role it acted in.' })
  role!: Role;
}

@ObjectType('AuditEntry', { description: 'One successful write: who, what, when.' })
export class AuditEntry {
  @Field(() => ID, { description: 'Stable identifier of the entry.' })
  id!: string;

  @Field({ description: 'When the write committed.' })
  at!: Date;

  @Field(() => AuditActor, { description: 'Who made it.' })
  actor!: AuditActor;

  @Field({ description: 'The mutation, e.g. `updateOrganisation`.' })
  operation!: string;

  @Field({ description: 'The type of the changed entity, e.g. `Organisation`.' })
  entityType!: string;

  @Field(() => ID, { description: 'The id of the changed entity.' })
  entityId!: string;

  @Field(() => [String], { description: 'The input fields the write was given (a field set to null included).' })
  changedFields!: string[];
}

export const AuditEntryConnection = connectionType('AuditEntry', AuditEntry, 'audit-trail entry');

@InputType('AuditLogFilter', { description: 'Conditions the entries must meet; all given must hold.' })
export class AuditLogFilter {
  @Field(() => String, {
    nullable: true,
    description: 'The actor: `key:<id>` (or the key id alone), `jwt:<subject>` or `admin-token`.',
  })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'The entity type, e.g. `Organisation`.' })
  entityType?: string | null;

  @Field(() => ID, { nullable: true, description: 'The entity id.' })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'The mutation, e.g. `acceptDeclaration`.' })
  operation?: string | null;
}
