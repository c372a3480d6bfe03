/** The register's levels; declared once in kit so every subgraph composes the same GraphQL enum. */
export { TerritoryLevelEnum as TerritoryLevel } from '@ngo-hub/kit';
