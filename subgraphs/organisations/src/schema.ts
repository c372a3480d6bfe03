import { buildFederatedSchema } from '@ngo-hub/kit';
import { references } from './federation/references.js';
import {
  CooperationTieResolver,
  OrganisationCooperatesWithResolver,
  OrganisationCooperationResolver,
  TerritoryTieResolver,
} from './modules/cooperation/cooperation.resolver.js';
import { LabelsResolver } from './modules/labels/labels.resolver.js';
import { OrganisationResolver } from './modules/organisation/organisation.resolver.js';
import { TerritoryResolver } from './modules/territory/territory.resolver.js';

/**
 * The organisations subgraph schema: owns `Organisation @key(id)` and `Territory @key(code)`, and
 * answers `cooperation`, `cooperationTies` / `cooperatesWith` from its cooperation read model, and serves
 * the enum labels.
 */
export function buildOrganisationsSchema() {
  return buildFederatedSchema({
    resolvers: [
      OrganisationResolver,
      TerritoryResolver,
      TerritoryTieResolver,
      CooperationTieResolver,
      OrganisationCooperationResolver,
      OrganisationCooperatesWithResolver,
      LabelsResolver,
    ],
    references,
  });
}
