import { buildFederatedSchema, type SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from './loaders.js';
import { OrganisationCooperatesWithResolver, OrganisationCooperationResolver, TerritoryTieResolver } from './modules/cooperation/cooperation.resolver.js';
import { OrganisationResolver } from './modules/organisation/organisation.resolver.js';
import { TerritoryResolver } from './modules/territory/territory.resolver.js';

type Context = SubgraphContext<Loaders>;

/**
 * The organisations subgraph schema: owns `Organisation @key(id)` and `Territory @key(code)`, and
 * answers `cooperation` / `cooperatesWith` from its cooperation read model.
 */
export function buildOrganisationsSchema() {
  return buildFederatedSchema({
    resolvers: [OrganisationResolver, TerritoryResolver, TerritoryTieResolver, OrganisationCooperationResolver, OrganisationCooperatesWithResolver],
    references: {
      Organisation: (ref: { id: string }, ctx: Context) => ctx.loaders.organisation.load(ref.id),
      Territory: (ref: { code: string }, ctx: Context) => ctx.loaders.territory.load(ref.code),
    },
  });
}
