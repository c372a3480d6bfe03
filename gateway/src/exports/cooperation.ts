import type { FieldMap } from '../feeds/graphql.js';
import type { Column } from './csv.js';

interface Unit {
  code: string;
  name: string;
}

export interface ExportedTie {
  level: string;
  a: Unit;
  b: Unit;
  partnershipCount: number;
  grantCount: number;
  eventCount: number;
  strength: number;
}

export const TIES_QUERY = `query CooperationExport($territory: String!, $level: TerritoryLevel!, $fromYear: Int, $toYear: Int, $first: Int!, $after: String) {
  cooperationTies(territory: $territory, level: $level, fromYear: $fromYear, toYear: $toYear, first: $first, after: $after) {
    edges { node { level a { code name } b { code name } partnershipCount grantCount eventCount strength } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface TiesPage {
  cooperationTies: { edges: { node: ExportedTie }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export const TIE_FIELDS: FieldMap = {};

/** One row per tie, strongest first, as `cooperationTies` orders them. */
export const TIE_COLUMNS: Column<ExportedTie>[] = [
  ['level', (t) => t.level],
  ['TERC code A', (t) => t.a.code],
  ['name A', (t) => t.a.name],
  ['TERC code B', (t) => t.b.code],
  ['name B', (t) => t.b.name],
  ['partnerships', (t) => t.partnershipCount],
  ['grants', (t) => t.grantCount],
  ['events', (t) => t.eventCount],
  ['strength', (t) => t.strength],
];
