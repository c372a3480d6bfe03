import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  AppError,
  assertHubId,
  authorize,
  ContactPerson,
  editsOrganisation,
  isAdmin,
  PageArgs,
  type SubgraphContext,
} from '@ngo-hub/kit';
import type { Loaders } from '../../loaders.js';
import { Territory } from '../territory/territory.type.js';
import { CreateOrganisationInput, OrganisationFilter, UpdateOrganisationInput } from './organisation.input.js';
import { OrganisationRepository } from './organisation.repository.js';
import {
  checkedIdentifier,
  createOrganisation,
  listOrganisations,
  updateOrganisation,
} from './organisation.service.js';
import {
  IdentifierScheme,
  Organisation,
  OrganisationConnection,
  OrganisationIdentifier,
  OrganisationSort,
} from './organisation.type.js';

type Context = SubgraphContext<Loaders>;

/**
 * Whether the caller may read the organisation's contact person: ADMIN, its ORGANISATION_EDITOR, or
 * the COORDINATOR of a partnership it is an active member of (this subgraph's `partnership.members`
 * read model, asked through a loader: one statement for the whole response, none for other roles).
 */
function seesContactPerson(ctx: Context, organisationId: string): boolean | Promise<boolean> {
  const { viewer } = ctx;
  if (isAdmin(viewer) || editsOrganisation(viewer, organisationId)) return true;
  if (viewer?.role !== 'COORDINATOR' || !viewer.partnershipId) return false;
  return ctx.loaders.activeMember.load({ partnershipId: viewer.partnershipId, organisationId });
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, {
    nullable: true,
    description: 'One organisation by its hub id; an unknown id is a NOT_FOUND error.',
  })
  async organisation(
    @Arg('id', () => ID, { description: 'Hub id of the organisation.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Organisation> {
    const found = await ctx.loaders.organisation.load(assertHubId(id, 'id'));
    if (!found) throw AppError.notFound('Organisation', id);
    return found;
  }

  @Query(() => Organisation, {
    nullable: true,
    description: 'One organisation by a register number (KRS, NIP or REGON); the checksum is verified first.',
  })
  async organisationByIdentifier(
    @Arg('scheme', () => IdentifierScheme, { description: 'Register the number comes from.' }) scheme: IdentifierScheme,
    @Arg('value', { description: 'The number; spaces, dashes and a "PL" prefix on a NIP are ignored.' }) value: string,
    @Ctx() ctx: Context,
  ): Promise<Organisation> {
    const normalised = checkedIdentifier(scheme, value);
    const id = await new OrganisationRepository(ctx.em).findIdByIdentifier(scheme, normalised);
    const found = id ? await ctx.loaders.organisation.load(id) : null;
    if (!found) throw new AppError('NOT_FOUND', `no organisation has ${scheme} ${normalised}`, 'value');
    return found;
  }

  @Query(() => OrganisationConnection, {
    description:
      'The organisation directory, filtered, sorted (by relevance when searching, else by Polish name order) and paged (Relay cursor connection).',
  })
  organisations(
    @Arg('filter', () => OrganisationFilter, { nullable: true, description: 'Conditions the organisations must meet.' })
    filter: OrganisationFilter | null,
    @Arg('sort', () => OrganisationSort, {
      nullable: true,
      description: 'Order of the list; RELEVANCE when `filter.search` is given, else NAME.',
    })
    sort: OrganisationSort | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listOrganisations(ctx.em, filter, sort, page);
  }

  @FieldResolver(() => [OrganisationIdentifier], {
    description: 'Register identifiers (KRS, NIP, REGON), each tagged with its scheme.',
  })
  identifiers(@Root() organisation: Organisation, @Ctx() ctx: Context): Promise<OrganisationIdentifier[]> {
    return ctx.loaders.identifiers.load(organisation.id);
  }

  @FieldResolver(() => Territory, {
    nullable: true,
    description: 'The TERC unit of the seat (a gmina or a city district).',
  })
  territory(@Root() organisation: Organisation, @Ctx() ctx: Context): Promise<Territory | null> | null {
    return organisation.territoryCode ? ctx.loaders.territory.load(organisation.territoryCode) : null;
  }

  @FieldResolver(() => ContactPerson, {
    nullable: true,
    description:
      'The person to contact. Personal data: shown to ADMIN, the ORGANISATION_EDITOR of this organisation and the COORDINATOR of a partnership it is an active member of; null for everyone else.',
  })
  async contactPerson(@Root() organisation: Organisation, @Ctx() ctx: Context): Promise<ContactPerson | null> {
    if (!organisation.contact) return null;
    return (await seesContactPerson(ctx, organisation.id)) ? organisation.contact : null;
  }

  @Mutation(() => Organisation, {
    description:
      'Adds an organisation (admin only). Validates identifiers, TERC code, dates and contacts; runs in one transaction.',
  })
  createOrganisation(
    @Arg('input', () => CreateOrganisationInput, { description: 'The new organisation.' })
    input: CreateOrganisationInput,
    @Ctx() ctx: Context,
  ): Promise<Organisation> {
    const viewer = authorize(ctx, { action: 'createOrganisation' });
    return createOrganisation(ctx.em, viewer, input);
  }

  @Mutation(() => Organisation, {
    description:
      'Changes an organisation (ADMIN, or the ORGANISATION_EDITOR of this organisation); only the given fields change. Runs in one transaction.',
  })
  updateOrganisation(
    @Arg('id', () => ID, { description: 'Hub id of the organisation to change.' }) id: string,
    @Arg('input', () => UpdateOrganisationInput, { description: 'The fields to change.' })
    input: UpdateOrganisationInput,
    @Ctx() ctx: Context,
  ): Promise<Organisation> {
    const viewer = authorize(ctx, {
      action: 'updateOrganisation',
      needs: `the ORGANISATION_EDITOR of organisation ${id}`,
      allows: (v) => editsOrganisation(v, id.toLowerCase()),
      field: 'id',
    });
    return updateOrganisation(ctx.em, viewer, id, input);
  }
}
