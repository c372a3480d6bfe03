import { buildFederatedSchema } from '@ngo-hub/kit';
import { OrganisationPartnershipsResolver } from './federation/organisation.fields.js';
import { references } from './federation/references.js';
import { TerritoryPartnershipsResolver } from './federation/territory.fields.js';
import { MembershipResolver } from './modules/membership/membership.resolver.js';
import { PartnershipResolver } from './modules/partnership/partnership.resolver.js';

/**
 * The partnerships subgraph schema: owns `Partnership @key(id)` and `Membership`; adds
 * `memberships` and `partnerships` to the `Organisation` stub and `partnerships` to the `Territory` stub.
 */
export function buildPartnershipsSchema() {
  return buildFederatedSchema({
    resolvers: [
      PartnershipResolver,
      MembershipResolver,
      OrganisationPartnershipsResolver,
      TerritoryPartnershipsResolver,
    ],
    references,
  });
}
