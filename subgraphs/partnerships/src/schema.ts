import { buildFederatedSchema, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from './loaders.js';
import { OrganisationPartnershipsResolver } from './modules/federation/organisation.resolver.js';
import { TerritoryPartnershipsResolver } from './modules/federation/territory.resolver.js';
import { MembershipResolver } from './modules/membership/membership.resolver.js';
import { PartnershipResolver } from './modules/partnership/partnership.resolver.js';

type Context = SubgraphContext<Loaders>;

/**
 * The partnerships subgraph schema: owns `Partnership @key(id)` and `Membership`; adds
 * `memberships` and `partnerships` to the `Organisation` stub and `partnerships` to the `Territory` stub.
 */
export function buildPartnershipsSchema() {
  return buildFederatedSchema({
    resolvers: [PartnershipResolver, MembershipResolver, OrganisationPartnershipsResolver, TerritoryPartnershipsResolver],
    references: {
      Partnership: (ref: { id: string }, ctx: Context) => ctx.loaders.partnership.load(ref.id),
      // A stub: its key is all this subgraph knows, and all the added fields need.
      Organisation: (ref: { id: string }) => ({ id: ref.id }),
      // Also a stub: an unknown code simply has no partnerships.
      Territory: (ref: { code: string }) => ({ code: ref.code }),
    },
  });
}
