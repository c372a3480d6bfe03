import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { authorize, requireViewer, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { Organisation } from '../../federation/organisation.stub.js';
import { Partnership } from '../partnership/partnership.type.js';
import { AddMembershipInput } from './membership.input.js';
import { addMembership, endMembership } from './membership.service.js';
import { Membership } from './membership.type.js';

type Context = SubgraphContext<Loaders>;

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Organisation, {
    description: 'The member organisation (Popolo organization); resolved by the organisations subgraph.',
  })
  organisation(@Root() membership: Membership): Organisation {
    return { id: membership.organisationId };
  }

  @FieldResolver(() => Partnership, { description: 'The partnership this membership is of.' })
  async partnership(@Root() membership: Membership, @Ctx() ctx: Context): Promise<Partnership> {
    // The foreign key guarantees the row; a miss would be a bug, reported as an internal error.
    const found = await ctx.loaders.partnership.load(membership.partnershipId);
    if (!found) throw new Error(`membership ${membership.id} points at a missing partnership`);
    return found;
  }

  @Mutation(() => Membership, {
    description:
      'Adds an organisation to a partnership (admin only: members otherwise join through an accepted declaration). At most one active LEAD_PARTNER per partnership and one active membership per organisation (CONFLICT otherwise). Runs in one transaction.',
  })
  addMembership(
    @Arg('input', () => AddMembershipInput, { description: 'The membership.' }) input: AddMembershipInput,
    @Ctx() ctx: Context,
  ): Promise<Membership> {
    const actor = authorize(ctx, { action: 'addMembership' });
    return addMembership(ctx.em, actor, input);
  }

  @Mutation(() => Membership, {
    description:
      'Ends an active membership (ADMIN, or a COORDINATOR of its partnership); ending one that already ended is a CONFLICT. Runs in one transaction.',
  })
  endMembership(
    @Arg('id', () => ID, { description: 'Hub id of the membership.' }) id: string,
    @Arg('leftOn', () => String, { description: 'End date, YYYY-MM-DD, not before the membership began.' })
    leftOn: string,
    @Ctx() ctx: Context,
  ): Promise<Membership> {
    // Who may depends on the membership's partnership: checked on the locked row, before any write.
    return endMembership(ctx.em, requireViewer(ctx, 'endMembership'), id, leftOn);
  }
}
