import { buildFederatedSchema, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from './loaders.js';
import { CallResolver, TerritoryCallsResolver } from './modules/call/call.resolver.js';
import { FundingFlowResolver } from './modules/flow/flow.resolver.js';
import { FunderResolver, ProgrammeResolver } from './modules/funder/funder.resolver.js';
import { FundingSourceResolver, GrantResolver, OrganisationGrantsResolver, PartnershipGrantsResolver, TerritoryGrantsResolver } from './modules/grant/grant.resolver.js';
import { organisationRef, partnershipRef, territoryRef } from './modules/common/stubs.js';

type Context = SubgraphContext<Loaders>;

/**
 * The funding subgraph schema: owns `Funder`, `Programme`, `Call` and `Grant` (all `@key(id)`), and
 * adds `grants` to the `Organisation` and `Partnership` entities of the other subgraphs and `grants` and
 * `calls` to `Territory`; `fundingFlows` sums grants by the recipients' seats, received from organisations.
 */
export function buildFundingSchema() {
  return buildFederatedSchema({
    resolvers: [
      FunderResolver, ProgrammeResolver, CallResolver, GrantResolver, FundingSourceResolver,
      OrganisationGrantsResolver, PartnershipGrantsResolver, TerritoryGrantsResolver, TerritoryCallsResolver, FundingFlowResolver,
    ],
    references: {
      Funder: (ref: { id: string }, ctx: Context) => ctx.loaders.funder.load(ref.id),
      Programme: (ref: { id: string }, ctx: Context) => ctx.loaders.programme.load(ref.id),
      Call: (ref: { id: string }, ctx: Context) => ctx.loaders.call.load(ref.id),
      Grant: (ref: { id: string }, ctx: Context) => ctx.loaders.grant.load(ref.id),
      // Stubs: the key is all this subgraph needs to resolve the fields it adds.
      Organisation: (ref: { id: string }) => organisationRef(ref.id),
      Partnership: (ref: { id: string }) => partnershipRef(ref.id),
      Territory: (ref: { code: string }) => territoryRef(ref.code),
    },
  });
}
