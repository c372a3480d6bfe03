import { buildFederatedSchema } from '@ngo-hub/kit';
import { OrganisationPartnershipsResolver } from './federation/organisation.fields.js';
import { references } from './federation/references.js';
import { TerritoryPartnershipsResolver } from './federation/territory.fields.js';
import { DeclarationResolver } from './modules/declaration/declaration.resolver.js';
import { MembershipResolver } from './modules/membership/membership.resolver.js';
import { PartnershipResolver } from './modules/partnership/partnership.resolver.js';

/**
 * The partnerships subgraph schema: owns `Partnership @key(id)`, `Membership` and `Declaration`; adds
 * `memberships`, `partnerships` and `declarations` to the `Organisation` stub and `partnerships` to the `Territory` stub.
 */
export function buildPartnershipsSchema() {
  return buildFederatedSchema({
    resolvers: [
      PartnershipResolver,
      MembershipResolver,
      DeclarationResolver,
      OrganisationPartnershipsResolver,
      TerritoryPartnershipsResolver,
    ],
    references,
  });
}
