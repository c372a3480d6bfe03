import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  AppError,
  assertHubId,
  authorize,
  ContactPerson,
  connectionType,
  coordinates,
  isAdmin,
  PageArgs,
  type Connection,
  type SubgraphContext,
} from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { Organisation } from '../../federation/organisation.stub.js';
import { Territory } from '../../federation/territory.stub.js';
import { Membership, MembershipRole } from '../membership/membership.type.js';
import { DeclarationFilter } from '../declaration/declaration.input.js';
import { DeclarationRepository } from '../declaration/declaration.repository.js';
import { declarationListing, toDeclaration } from '../declaration/declaration.service.js';
import {
  type Declaration,
  DeclarationConnection,
  DeclarationSort,
  DeclarationStatus,
} from '../declaration/declaration.type.js';
import {
  CreatePartnershipInput,
  PartnershipFilter,
  PartnershipSort,
  UpdatePartnershipInput,
} from './partnership.input.js';
import { createPartnership, listPartnerships, partnershipListing, updatePartnership } from './partnership.service.js';
import { Partnership } from './partnership.type.js';

export const PartnershipConnection = connectionType('Partnership', Partnership, 'partnership');

type Context = SubgraphContext<Loaders>;

export const SORT_DESCRIPTION =
  'Order of the list; RELEVANCE when `filter.search` is given, NAME otherwise. A cursor is valid only for the sort it came from.';

/** `active: true` keeps active memberships, `false` past ones, null all of them. */
export function byActivity(list: Membership[], active: boolean | null | undefined): Membership[] {
  return active == null ? list : list.filter((m) => m.isActive === active);
}

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Query(() => Partnership, {
    nullable: true,
    description: 'One partnership by its hub id; an unknown id is a NOT_FOUND error.',
  })
  async partnership(
    @Arg('id', () => ID, { description: 'Hub id of the partnership.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Partnership> {
    const found = await ctx.loaders.partnership.load(assertHubId(id, 'id'));
    if (!found) throw AppError.notFound('Partnership', id);
    return found;
  }

  @Query(() => PartnershipConnection, {
    description: 'Partnerships, filtered, sorted (by name unless searching) and paged (Relay cursor connection).',
  })
  async partnerships(
    @Arg('filter', () => PartnershipFilter, { nullable: true, description: 'Filters; all given ones must hold.' })
    filter: PartnershipFilter | null,
    @Arg('sort', () => PartnershipSort, { nullable: true, description: SORT_DESCRIPTION }) sort: PartnershipSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const connection = await listPartnerships(ctx.em, partnershipListing(filter, sort, page));
    // `membership.partnership` under this page then costs no statement.
    for (const edge of connection.edges) ctx.loaders.partnership.prime(edge.node.id, edge.node);
    return connection;
  }

  @FieldResolver(() => Territory, {
    description: 'The main TERC unit the partnership works in (a gmina, a city district, ...).',
  })
  territory(@Root() partnership: Partnership): Territory {
    return { code: partnership.territoryCode };
  }

  @FieldResolver(() => [Territory], { description: 'Further TERC units the partnership also works in; usually none.' })
  additionalTerritories(@Root() partnership: Partnership): Territory[] {
    return partnership.additionalTerritoryCodes.map((code) => ({ code }));
  }

  @FieldResolver(() => [Membership], {
    description: 'Memberships of the partnership, lead partner first, then the coordination team, then members.',
  })
  async memberships(
    @Root() partnership: Partnership,
    @Arg('active', () => Boolean, {
      nullable: true,
      description: 'true: only active memberships; false: only ended ones; omitted: all.',
    })
    active: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<Membership[]> {
    return byActivity(await ctx.loaders.membershipsOfPartnership.load(partnership.id), active);
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description:
      "The organisation holding the active LEAD_PARTNER membership: the one that handles the partnership's money, accounts and staff, since a local partnership has no legal personality. Null when there is none.",
  })
  async leadPartner(@Root() partnership: Partnership, @Ctx() ctx: Context): Promise<Organisation | null> {
    const list = await ctx.loaders.membershipsOfPartnership.load(partnership.id);
    const lead = list.find((m) => m.isActive && m.role === MembershipRole.LEAD_PARTNER);
    return lead ? { id: lead.organisationId } : null;
  }

  @FieldResolver(() => Int, { description: 'How many organisations are active members (any role).' })
  async memberCount(@Root() partnership: Partnership, @Ctx() ctx: Context): Promise<number> {
    const list = await ctx.loaders.membershipsOfPartnership.load(partnership.id);
    return new Set(list.filter((m) => m.isActive).map((m) => m.organisationId)).size;
  }

  @FieldResolver(() => ContactPerson, {
    nullable: true,
    description:
      'The person to contact about the partnership: personal data, visible to ADMIN and the COORDINATOR of this partnership only (null for everyone else, and when there is none).',
  })
  contactPerson(@Root() partnership: Partnership, @Ctx() ctx: Context): ContactPerson | null {
    return isAdmin(ctx.viewer) || coordinates(ctx.viewer, partnership.id) ? partnership.contact : null;
  }

  @FieldResolver(() => DeclarationConnection, {
    nullable: true,
    description:
      'Declarations of participation submitted to this partnership, newest first: visible to ADMIN and the COORDINATOR of this partnership (null for everyone else).',
  })
  async declarations(
    @Root() partnership: Partnership,
    @Arg('status', () => DeclarationStatus, { nullable: true, description: 'Only declarations in this status.' })
    status: DeclarationStatus | null,
    @Arg('sort', () => DeclarationSort, { nullable: true, description: 'Order of the list; NEWEST by default.' })
    sort: DeclarationSort | null,
    @Arg('filter', () => DeclarationFilter, { nullable: true, description: 'Conditions the declarations must meet.' })
    filter: DeclarationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<Declaration> | null> {
    if (!isAdmin(ctx.viewer) && !coordinates(ctx.viewer, partnership.id)) return null;
    return new DeclarationRepository(ctx.em).ofParent(
      ctx.loaders.partnershipDeclarations,
      partnership.id,
      declarationListing(status, filter, sort, page),
      toDeclaration,
    );
  }

  @Mutation(() => Partnership, {
    description:
      'Adds a partnership (admin only), without members; validates the TERC codes, the date and the contact person. Runs in one transaction.',
  })
  createPartnership(
    @Arg('input', () => CreatePartnershipInput, { description: 'The new partnership.' }) input: CreatePartnershipInput,
    @Ctx() ctx: Context,
  ): Promise<Partnership> {
    const actor = authorize(ctx, { action: 'createPartnership' });
    return createPartnership(ctx.em, actor, input);
  }

  @Mutation(() => Partnership, {
    description:
      'Changes a partnership (ADMIN, or a COORDINATOR of it); only the given fields change, with the same rules as on creation. An unknown id is NOT_FOUND. Runs in one transaction.',
  })
  updatePartnership(
    @Arg('id', () => ID, { description: 'Hub id of the partnership to change.' }) id: string,
    @Arg('input', () => UpdatePartnershipInput, { description: 'The fields to change.' }) input: UpdatePartnershipInput,
    @Ctx() ctx: Context,
  ): Promise<Partnership> {
    const actor = authorize(ctx, {
      action: 'updatePartnership',
      needs: `the COORDINATOR of partnership ${id}`,
      allows: (viewer) => coordinates(viewer, id.toLowerCase()),
      field: 'id',
    });
    return updatePartnership(ctx.em, actor, id, input);
  }
}
