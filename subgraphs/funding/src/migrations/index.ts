import { integrationMigration, knownIdsMigration } from '@ngo-hub/kit';
import { Migration20261123000000_funding } from './Migration20261123000000_funding.js';
import { Migration20261201000000_polish_search } from './Migration20261201000000_polish_search.js';
import { Migration20261202000000_organisation_seat } from './Migration20261202000000_organisation_seat.js';
import { Migration20261203000000_flows_cache } from './Migration20261203000000_flows_cache.js';
import { Migration20261220100100_known_organisations_from_seats } from './Migration20261220100100_known_organisations_from_seats.js';

/** Every migration of this subgraph, oldest first. */
export const migrations = [
  Migration20261123000000_funding,
  Migration20261201000000_polish_search,
  integrationMigration('funding'),
  Migration20261202000000_organisation_seat,
  Migration20261203000000_flows_cache,
  knownIdsMigration('funding'),
  Migration20261220100100_known_organisations_from_seats,
];
