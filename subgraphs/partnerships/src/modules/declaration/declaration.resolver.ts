import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AppError, assertHubId, authorize, editsOrganisation, requireViewer, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { Organisation } from '../../federation/organisation.stub.js';
import { Membership } from '../membership/membership.type.js';
import { Partnership } from '../partnership/partnership.type.js';
import { SubmitDeclarationInput } from './declaration.input.js';
import {
  acceptDeclaration,
  mayRead,
  rejectDeclaration,
  submitDeclaration,
  withdrawDeclaration,
} from './declaration.service.js';
import { Declaration } from './declaration.type.js';

type Context = SubgraphContext<Loaders>;

@Resolver(() => Declaration)
export class DeclarationResolver {
  @Query(() => Declaration, {
    nullable: true,
    description:
      'One declaration of participation: for ADMIN, the COORDINATOR of its partnership and the ORGANISATION_EDITOR of its organisation (others FORBIDDEN). An unknown id is NOT_FOUND.',
  })
  async declaration(
    @Arg('id', () => ID, { description: 'Hub id of the declaration.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Declaration> {
    const viewer = requireViewer(ctx, 'declaration');
    const found = await ctx.loaders.declaration.load(assertHubId(id, 'id'));
    if (!found) throw AppError.notFound('Declaration', id);
    authorize(ctx, {
      action: 'declaration',
      needs: `the COORDINATOR of partnership ${found.partnershipId} or the ORGANISATION_EDITOR of organisation ${found.organisationId}`,
      allows: () => mayRead(viewer, found),
      field: 'id',
    });
    return found;
  }

  @FieldResolver(() => Partnership, { description: 'The partnership the organisation declares it joins.' })
  async partnership(@Root() declaration: Declaration, @Ctx() ctx: Context): Promise<Partnership> {
    // The foreign key guarantees the row; a miss would be a bug, reported as an internal error.
    const found = await ctx.loaders.partnership.load(declaration.partnershipId);
    if (!found) throw new Error(`declaration ${declaration.id} points at a missing partnership`);
    return found;
  }

  @FieldResolver(() => Organisation, {
    description: 'The organisation declaring its participation; resolved by the organisations subgraph.',
  })
  organisation(@Root() declaration: Declaration): Organisation {
    return { id: declaration.organisationId };
  }

  @FieldResolver(() => Membership, {
    nullable: true,
    description: 'The membership created when the declaration was accepted; null otherwise.',
  })
  async membership(@Root() declaration: Declaration, @Ctx() ctx: Context): Promise<Membership | null> {
    return declaration.membershipId ? ctx.loaders.membership.load(declaration.membershipId) : null;
  }

  @Mutation(() => Declaration, {
    description:
      'Submits a written declaration of participation (ADMIN, or the ORGANISATION_EDITOR of the organisation). CONFLICT when the organisation is already an active member or has an open declaration to the partnership. Runs in one transaction.',
  })
  submitDeclaration(
    @Arg('input', () => SubmitDeclarationInput, { description: 'The declaration.' }) input: SubmitDeclarationInput,
    @Ctx() ctx: Context,
  ): Promise<Declaration> {
    const organisationId = typeof input.organisationId === 'string' ? input.organisationId.toLowerCase() : null;
    const actor = authorize(ctx, {
      action: 'submitDeclaration',
      needs: `the ORGANISATION_EDITOR of organisation ${input.organisationId}`,
      allows: (viewer) => editsOrganisation(viewer, organisationId),
      field: 'input.organisationId',
    });
    return submitDeclaration(ctx.em, actor, input);
  }

  @Mutation(() => Declaration, {
    description:
      'Accepts a SUBMITTED declaration (ADMIN, or a COORDINATOR of its partnership): the organisation becomes a MEMBER from today (Europe/Warsaw). CONFLICT when it is no longer SUBMITTED or the organisation cannot join. Runs in one transaction.',
  })
  acceptDeclaration(
    @Arg('id', () => ID, { description: 'Hub id of the declaration.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Declaration> {
    return acceptDeclaration(ctx.em, requireViewer(ctx, 'acceptDeclaration'), id);
  }

  @Mutation(() => Declaration, {
    description:
      'Rejects a SUBMITTED declaration with a reason (ADMIN, or a COORDINATOR of its partnership); CONFLICT when it is no longer SUBMITTED. Runs in one transaction.',
  })
  rejectDeclaration(
    @Arg('id', () => ID, { description: 'Hub id of the declaration.' }) id: string,
    @Arg('reason', () => String, { description: 'Why it is rejected, 1–2000 characters; the organisation reads it.' })
    reason: string,
    @Ctx() ctx: Context,
  ): Promise<Declaration> {
    return rejectDeclaration(ctx.em, requireViewer(ctx, 'rejectDeclaration'), id, reason);
  }

  @Mutation(() => Declaration, {
    description:
      'Withdraws a SUBMITTED declaration (ADMIN, or the ORGANISATION_EDITOR of its organisation); CONFLICT when it is no longer SUBMITTED. Runs in one transaction.',
  })
  withdrawDeclaration(
    @Arg('id', () => ID, { description: 'Hub id of the declaration.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Declaration> {
    return withdrawDeclaration(ctx.em, requireViewer(ctx, 'withdrawDeclaration'), id);
  }
}
