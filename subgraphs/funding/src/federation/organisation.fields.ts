import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../loaders.js';
import { Grant, GrantRole } from '../modules/grant/grant.type.js';
import { Organisation } from './organisation.stub.js';

type Context = SubgraphContext<Loaders>;

/** Fields this subgraph adds to the organisations subgraph's `Organisation`. */
@Resolver(() => Organisation)
export class OrganisationGrantsResolver {
  @FieldResolver(() => [Grant], {
    nullable: true,
    description:
      'Grants the organisation received or is a partner in, newest first (null only when the funding service is unavailable).',
  })
  grants(
    @Root() organisation: Organisation,
    @Arg('role', () => GrantRole, {
      nullable: true,
      description: 'Only grants where the organisation has this role; both when omitted.',
    })
    role: GrantRole | null,
    @Ctx() ctx: Context,
  ): Promise<Grant[]> {
    return ctx.loaders.organisationGrants.load({ organisationId: organisation.id, role: role ?? 'ANY' });
  }
}
