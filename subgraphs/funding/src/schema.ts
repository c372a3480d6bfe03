import { buildFederatedSchema } from '@ngo-hub/kit';
// Modules before federation/: the order modules load in is the field order of the printed schema.
import { CallResolver } from './modules/call/call.resolver.js';
import { FundingFlowResolver } from './modules/flow/flow.resolver.js';
import { FunderResolver, ProgrammeResolver } from './modules/funder/funder.resolver.js';
import { FundingSourceResolver, GrantResolver } from './modules/grant/grant.resolver.js';
import { OrganisationGrantsResolver } from './federation/organisation.fields.js';
import { PartnershipGrantsResolver } from './federation/partnership.fields.js';
import { references } from './federation/references.js';
import { TerritoryFundingResolver } from './federation/territory.fields.js';

/**
 * The funding subgraph schema: owns `Funder`, `Programme`, `Call` and `Grant` (all `@key(id)`), and
 * adds `grants` to the `Organisation` and `Partnership` entities of the other subgraphs and `grants` and
 * `calls` to `Territory`; `fundingFlows` sums grants by the recipients' seats, received from organisations.
 */
export function buildFundingSchema() {
  return buildFederatedSchema({
    resolvers: [
      FunderResolver,
      ProgrammeResolver,
      CallResolver,
      GrantResolver,
      FundingSourceResolver,
      OrganisationGrantsResolver,
      PartnershipGrantsResolver,
      TerritoryFundingResolver,
      FundingFlowResolver,
    ],
    references,
  });
}
