import { FeedError, type FieldMap } from '../feeds/graphql.js';
import type { Column } from './csv.js';

export interface ExportedFlow {
  funder: { name: string } | null;
  programme: { name: string } | null;
  year: number | null;
  territory: { code: string } | null;
  currency: string | null;
  grants: number;
  grantsWithoutAmount: number;
  amountAwarded: string;
  ownContribution: string | null;
}

export const FLOWS_QUERY = `query FundingFlowsExport($territory: String!, $level: TerritoryLevel!, $groupBy: [FundingGroup!]!, $fromYear: Int, $toYear: Int) {
  fundingFlows(territory: $territory, level: $level, groupBy: $groupBy, fromYear: $fromYear, toYear: $toYear) {
    funder { name } programme { name } year territory { code }
    currency grants grantsWithoutAmount amountAwarded ownContribution
  }
}`;

export const FLOW_FIELDS: FieldMap = {};

/**
 * One row per flow, in the order `fundingFlows` gives; amounts are exact decimals with a dot. Funder
 * and programme names rather than hub ids, and TERC codes without names (join them with
 * cooperation.csv or the register): the selection must stay within the gateway's cost limit for
 * the largest answer (5,000 flows).
 */
export const FLOW_COLUMNS: Column<ExportedFlow>[] = [
  ['funder', (f) => f.funder?.name ?? null],
  ['programme', (f) => f.programme?.name ?? null],
  ['year', (f) => f.year],
  ['TERC code', (f) => f.territory?.code ?? null],
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
