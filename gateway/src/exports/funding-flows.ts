import { FeedError, type FieldMap } from '../feeds/graphql.js';
import type { Column } from './csv.js';

export interface ExportedFlow {
  funder: { id: string; name: string } | null;
  programme: { id: string; name: string } | null;
  year: number | null;
  territory: { code: string; name: string } | null;
  currency: string | null;
  grants: number;
  grantsWithoutAmount: number;
  amountAwarded: string;
  ownContribution: string | null;
}

export const FLOWS_QUERY = `query FundingFlowsExport($territory: String!, $level: TerritoryLevel!, $groupBy: [FundingGroup!]!, $fromYear: Int, $toYear: Int) {
  fundingFlows(territory: $territory, level: $level, groupBy: $groupBy, fromYear: $fromYear, toYear: $toYear) {
    funder { id name } programme { id name } year territory { code name }
    currency grants grantsWithoutAmount amountAwarded ownContribution
  }
}`;

export const FLOW_FIELDS: FieldMap = {};

/** One row per flow, in the order `fundingFlows` gives; amounts are exact decimals with a dot. */
export const FLOW_COLUMNS: Column<ExportedFlow>[] = [
  ['funder id', (f) => f.funder?.id ?? null],
  ['funder', (f) => f.funder?.name ?? null],
  ['programme id', (f) => f.programme?.id ?? null],
  ['programme', (f) => f.programme?.name ?? null],
  ['year', (f) => f.year],
  ['TERC code', (f) => f.territory?.code ?? null],
  ['territory name', (f) => f.territory?.name ?? null],
  ['currency', (f) => f.currency],
  ['grants', (f) => f.grants],
  ['grants without amount', (f) => f.grantsWithoutAmount],
  ['amount awarded', (f) => f.amountAwarded],
  ['own contribution', (f) => f.ownContribution],
];

const GROUPS = ['FUNDER', 'PROGRAMME', 'YEAR', 'TERRITORY'];

/** `groupBy=FUNDER,YEAR`: comma-separated keys (absent or empty: one flow per currency). */
export function groupByParam(value: string | undefined): string[] {
  if (value === undefined) return [];
  const groups = value.split(',').map((g) => g.trim().toUpperCase());
  const wrong = groups.find((g) => !GROUPS.includes(g));
  if (wrong !== undefined)
    throw new FeedError(
      400,
      'BAD_USER_INPUT',
      `groupBy takes ${GROUPS.join(', ')} separated by commas, not "${wrong.slice(0, 20)}"`,
      'groupBy',
    );
  return [...new Set(groups)];
}
