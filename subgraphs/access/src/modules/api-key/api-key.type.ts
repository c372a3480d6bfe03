import { API_KEY_ROLES, type Role } from '@ngo-hub/kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Funder } from '../../federation/funder.stub.js';
import { Organisation } from '../../federation/organisation.stub.js';
import { Partnership } from '../../federation/partnership.stub.js';

export const ApiKeyRole = Object.fromEntries(API_KEY_ROLES.map((r) => [r, r])) as { [R in Role]: R };
registerEnumType(ApiKeyRole, {
  name: 'ApiKeyRole',
  description: 'What a credential may do; see the README, "Keys and roles".',
  valuesConfig: {
    ADMIN: { description: 'Everything, including keys and the audit trail.' },
    ORGANISATION_EDITOR: {
      description: "One organisation's profile, its events and its declarations of participation.",
    },
    COORDINATOR: {
      description: "One partnership's coordination team: the partnership, its declarations, memberships and events.",
    },
    FUNDER_OFFICER: { description: "One funder's calls and grants, optionally within territories." },
    PORTAL: { description: 'Reads only, with a rate budget of its own.' },
  },
});

const ref = (id: string | null) => (id ? { id } : null);

/** What a key or a viewer is bound to, as references the router resolves in their owners (fields inherited, type never emitted). */
@ObjectType()
abstract class Bindings {
  organisationId!: string | null;
  partnershipId!: string | null;
  funderId!: string | null;

  @Field(() => Organisation, { nullable: true, description: 'The organisation an ORGANISATION_EDITOR edits.' })
  get organisation() {
    return ref(this.organisationId);
  }

  @Field(() => Partnership, { nullable: true, description: 'The partnership a COORDINATOR coordinates.' })
  get partnership() {
    return ref(this.partnershipId);
  }

  @Field(() => Funder, { nullable: true, description: 'The funder a FUNDER_OFFICER acts for.' })
  get funder() {
    return ref(this.funderId);
  }
}

@ObjectType('ApiKey', { description: 'A credential for the API; its secret is shown once, when it is created.' })
export class ApiKey extends Bindings {
  @Field(() => ID, { description: 'Stable identifier of the key; the audit trail names it as `key:<id>`.' })
  id!: string;

  @Field({ description: 'What the key is for, as its maker named it.' })
  name!: string;

  @Field(() => ApiKeyRole, { description: 'What the key may do.' })
  role!: Role;

  @Field(() => [String], {
    description: 'TERC codes a FUNDER_OFFICER or PORTAL key is limited to; empty means no limit.',
  })
  territories!: string[];

  @Field({ description: 'The first characters of the secret, to tell keys apart.' })
  secretPrefix!: string;

  @Field({ description: 'When the key was made.' })
  createdAt!: Date;

  @Field({ description: 'Who made it (an audit actor: `admin-token`, `key:<id>`, `jwt:<subject>`).' })
  createdBy!: string;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while active.' })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who revoked it.' })
  revokedBy!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was last used (noted at most once a minute); null if never.',
  })
  lastUsedAt!: Date | null;

  @Field({ description: 'True until the key is revoked.' })
  active!: boolean;
}

@ObjectType('CreatedApiKey', { description: 'A new key and its secret.' })
export class CreatedApiKey {
  @Field({
    description:
      'The secret to send as `Authorization: Bearer <secret>`. Shown only here: the hub keeps a hash of it and cannot show it again.',
  })
  secret!: string;

  @Field(() => ApiKey, { description: 'The key.' })
  apiKey!: ApiKey;
}

@ObjectType('Viewer', { description: 'Who the hub takes the caller to be.' })
export class Viewer extends Bindings {
  @Field({ description: 'The audit actor: `admin-token`, `key:<id>` or `jwt:<subject>`.' })
  subject!: string;

  @Field({ description: "The key's or token's name." })
  name!: string;

  @Field(() => ApiKeyRole, { description: 'What the credential may do.' })
  role!: Role;

  @Field(() => [String], { description: 'TERC codes the credential is limited to; empty means no limit.' })
  territories!: string[];
}
