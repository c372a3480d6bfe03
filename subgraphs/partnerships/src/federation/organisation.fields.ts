import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { editsOrganisation, isAdmin, PageArgs, type Connection, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../loaders.js';
import { DeclarationFilter } from '../modules/declaration/declaration.input.js';
import { DeclarationRepository } from '../modules/declaration/declaration.repository.js';
import { declarationListing, toDeclaration } from '../modules/declaration/declaration.service.js';
import {
  type Declaration,
  DeclarationConnection,
  DeclarationSort,
  DeclarationStatus,
} from '../modules/declaration/declaration.type.js';
import { Membership } from '../modules/membership/membership.type.js';
import { byActivity } from '../modules/partnership/partnership.resolver.js';
import { Partnership } from '../modules/partnership/partnership.type.js';
import { Organisation } from './organisation.stub.js';

type Context = SubgraphContext<Loaders>;

/** Fields this subgraph adds to the organisations subgraph's `Organisation`. */
@Resolver(() => Organisation)
export class OrganisationPartnershipsResolver {
  @FieldResolver(() => [Membership], {
    nullable: true,
    description:
      "The organisation's memberships of partnerships, by partnership name (null only when the partnerships service is unavailable).",
  })
  async memberships(
    @Root() organisation: Organisation,
    @Arg('active', () => Boolean, {
      nullable: true,
      description: 'true: only active memberships; false: only ended ones; omitted: all.',
    })
    active: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<Membership[]> {
    return byActivity(await ctx.loaders.membershipsOfOrganisation.load(organisation.id), active);
  }

  @FieldResolver(() => [Partnership], {
    nullable: true,
    description:
      'The partnerships the organisation is or was a member of, each once, by name (null only when the partnerships service is unavailable).',
  })
  async partnerships(@Root() organisation: Organisation, @Ctx() ctx: Context): Promise<Partnership[]> {
    // Memberships come ordered by partnership name and prime the partnership loader: no statement of its own.
    const memberships = await ctx.loaders.membershipsOfOrganisation.load(organisation.id);
    const ids = [...new Set(memberships.map((m) => m.partnershipId))];
    const found = await Promise.all(ids.map((id) => ctx.loaders.partnership.load(id)));
    return found.filter((p): p is Partnership => p !== null);
  }

  @FieldResolver(() => DeclarationConnection, {
    nullable: true,
    description:
      "The organisation's declarations of participation in partnerships, newest first: visible to ADMIN and the ORGANISATION_EDITOR of this organisation (null for everyone else).",
  })
  async declarations(
    @Root() organisation: Organisation,
    @Arg('status', () => DeclarationStatus, { nullable: true, description: 'Only declarations in this status.' })
    status: DeclarationStatus | null,
    @Arg('sort', () => DeclarationSort, { nullable: true, description: 'Order of the list; NEWEST by default.' })
    sort: DeclarationSort | null,
    @Arg('filter', () => DeclarationFilter, { nullable: true, description: 'Conditions the declarations must meet.' })
    filter: DeclarationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<Declaration> | null> {
    if (!isAdmin(ctx.viewer) && !editsOrganisation(ctx.viewer, organisation.id.toLowerCase())) return null;
    return new DeclarationRepository(ctx.em).ofParent(
      ctx.loaders.organisationDeclarations,
      organisation.id,
      declarationListing(status, filter, sort, page),
      toDeclaration,
    );
  }
}
