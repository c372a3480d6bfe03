import type { Db } from '@ngo-hub/kit';
import { ancestorAt, checkAggregationLevel, checkYearWindow, tercRegister, VersionedResultCache } from '@ngo-hub/kit';
import { territoryRef } from '../../federation/territory.stub.js';
import { TerritoryLevel } from '../common/territory-level.js';
import { FlowRepository, type FlowQuery } from './flow.repository.js';
import { FundingFlow, FundingGroup } from './flow.type.js';

let gminaOfSubunit: Map<string, string | null> | undefined;

/**
 * Gmina parts and city districts (the 7-digit codes that are not gminas themselves) with their
 * gmina, by kit's `ancestorAt`: computed once from the register.
 */
function subunitGminas(): Map<string, string | null> {
  gminaOfSubunit ??= new Map(
    [...tercRegister().values()]
      .filter((u) => u.level === 'GMINA_PART' || u.level === 'CITY_DISTRICT')
      .map((u) => [u.code, ancestorAt(u.code, 'GMINA')]),
  );
  return gminaOfSubunit;
}

/** The mapping of the subunits inside the territory, passed to SQL as two arrays. */
function gminaOfCodes(prefixes: string[]): FlowQuery['gminaOf'] {
  const codes: string[] = [];
  const units: (string | null)[] = [];
  for (const [code, unit] of subunitGminas()) {
    if (prefixes.some((p) => code.startsWith(p))) {
      codes.push(code);
      units.push(unit);
    }
  }
  return { codes, units };
}

/**
 * Checks `fundingFlows` arguments like organisations' `cooperation`: the territory must exist (or be
 * "PL", the whole country), the level is a voivodeship, powiat or gmina and not above the territory,
 * the year window is checked by kit's `checkYearWindow`. Duplicate groups collapse.
 */
export function flowQuery(
  territory: string,
  level: TerritoryLevel,
  groupBy: readonly FundingGroup[],
  fromYear: number | null = null,
  toYear: number | null = null,
): FlowQuery {
  const { prefixes, level: checked } = checkAggregationLevel(territory, level, 'flows are grouped by');
  const years = checkYearWindow(fromYear, toYear);
  const groups = new Set(groupBy);
  const byGmina = groups.has(FundingGroup.TERRITORY) && level === TerritoryLevel.GMINA;
  return {
    prefixes,
    level: checked,
    groups,
    gminaOf: byGmina ? gminaOfCodes(prefixes) : { codes: [], units: [] },
    years,
  };
}

/** Answers by arguments, valid while the `funding_flows` data version stays the same (see kit's result-cache). */
const flowsCache = new VersionedResultCache<Awaited<ReturnType<FlowRepository['flows']>>>('funding', 'funding_flows');

/** The flows of one request: one SQL statement (funders and programmes then come through loaders). */
export async function listFundingFlows(
  em: Db,
  territory: string,
  level: TerritoryLevel,
  groupBy: readonly FundingGroup[],
  fromYear: number | null = null,
  toYear: number | null = null,
): Promise<FundingFlow[]> {
  const query = flowQuery(territory, level, groupBy, fromYear, toYear);
  const key = JSON.stringify({
    prefixes: query.prefixes,
    level: query.level,
    groups: [...query.groups].sort(),
    years: query.years,
  });
  const rows = await flowsCache.get(em, key, () => new FlowRepository(em).flows(query));
  return rows.map((r) =>
    Object.assign(new FundingFlow(), {
      ...r,
      territory: r.territoryCode ? territoryRef(r.territoryCode) : null,
    }),
  );
}
