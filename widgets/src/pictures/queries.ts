/** The GraphQL the pictures send; the year window goes in only when set, so older gateways keep answering. */
import type { GroupKey } from './flows-data.js';

export interface YearWindow {
  fromYear?: number;
  toYear?: number;
}

function windowParts(window: YearWindow): { params: string; args: string } {
  const keys = Object.keys(window);
  return { params: keys.map((k) => `, $${k}: Int`).join(''), args: keys.map((k) => `, ${k}: $${k}`).join('') };
}

export function cooperationQuery(window: YearWindow): string {
  const { params, args } = windowParts(window);
  return `query NgoHubCooperation($territory: String!, $level: TerritoryLevel!${params}) {
  cooperation(territory: $territory, level: $level${args}) { a { code name } b { code name } partnerships grants events }
}`;
}

export function fundingFlowsQuery(keys: GroupKey[], window: YearWindow): string {
  const { params, args } = windowParts(window);
  const fields = [
    keys.includes('FUNDER') && 'funder { id name }',
    keys.includes('PROGRAMME') && 'programme { id name }',
    keys.includes('YEAR') && 'year',
    'territory { code name } currency grants grantsWithoutAmount amountAwarded',
  ]
    .filter(Boolean)
    .join(' ');
  return `query NgoHubFundingFlows($territory: String!, $level: TerritoryLevel!, $groupBy: [FundingGroup!]!${params}) {
  fundingFlows(territory: $territory, level: $level, groupBy: $groupBy${args}) { ${fields} }
}`;
}
