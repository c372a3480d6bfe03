import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../loaders.js';
import { Grant } from '../modules/grant/grant.type.js';
import { Partnership } from './partnership.stub.js';

type Context = SubgraphContext<Loaders>;

/** Fields this subgraph adds to the partnerships subgraph's `Partnership`. */
@Resolver(() => Partnership)
export class PartnershipGrantsResolver {
  @FieldResolver(() => [Grant], {
    nullable: true,
    description:
      'Grants awarded for the partnership, newest first (null only when the funding service is unavailable).',
  })
  grants(@Root() partnership: Partnership, @Ctx() ctx: Context): Promise<Grant[]> {
    return ctx.loaders.partnershipGrants.load(partnership.id);
  }
}
