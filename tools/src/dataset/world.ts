import { stableUuid } from '@ngo-hub/kit';
import { readGeography, type Geography } from './geography.js';
import { Random, WeightedPicker, weighted } from '@ngo-hub/kit/synthetic';
import { scaleCounts, type ScaleCounts } from './scale.js';

export const NGO = 0;
export const PUBLIC = 1;
export const BUSINESS = 2;
export const SECTORS = ['NGO', 'PUBLIC', 'BUSINESS'] as const;

/** Independent PRNG streams, one per concern, so one phase's draws never shift another's. */
export const STREAM = {
  layout: 1,
  organisations: 2,
  partnerships: 3,
  memberships: 4,
  events: 5,
  funders: 6,
  grants: 7,
} as const;

export type PartnershipReach = 'LOCAL' | 'REGIONAL' | 'NATIONAL';

export interface PartnershipPlan {
  index: number;
  id: string;
  reach: PartnershipReach;
  status: 'ACTIVE' | 'FORMING' | 'DISSOLVED';
  /** Organisation indexes; [0] is the lead partner. */
  members: number[];
  /** Members without a past `left_on` (the lead always stays). */
  active: number[];
  /** Day number of establishment. */
  establishedOn: number;
  /** Day number on which a dissolved partnership ended. */
  dissolvedOn: number | null;
}

/**
 * Everything later phases need to know about earlier ones, kept in compact arrays: each
 * organisation's gmina and sector, organisations per powiat and voivodeship, partnership members.
 */
export interface World {
  seed: number;
  /** Day number (calendar.ts) of the day the data set is dated against: events after it are upcoming, calls around it open. */
  today: number;
  scale: number;
  counts: ScaleCounts;
  geo: Geography;
  orgIds: string[];
  orgGmina: Int32Array;
  orgSector: Uint8Array;
  orgsByPowiat: number[][];
  orgsByVoivodeship: number[][];
  ngoOrgs: number[];
  partnerships: PartnershipPlan[];
  /** Partnerships that are not dissolved, for events and grants tied to one. */
  livePartnerships: number[];
}

export function orgId(i: number): string {
  return stableUuid(`national:org:${i}`);
}

/** Distinct organisations drawn from `pools` in order: each pool is tried before falling back to the next. */
export function drawDistinct(
  random: Random,
  count: number,
  pools: readonly (readonly number[])[],
  taken: Set<number>,
  out: number[],
): void {
  for (const pool of pools) {
    if (pool.length === 0) continue;
    let attempts = count * 4 + 8;
    while (out.length < count && attempts-- > 0) {
      const candidate = pool[random.int(pool.length)]!;
      if (taken.has(candidate)) continue;
      taken.add(candidate);
      out.push(candidate);
    }
    if (out.length >= count) return;
  }
}

export function buildWorld(scale: number, seed: number, today: number): World {
  const counts = scaleCounts(scale);
  const geo = readGeography();
  const random = new Random(seed, STREAM.layout);
  const G = geo.gminas.length;

  // Every gmina gets one organisation first (in a shuffled order, so small scales spread over the
  // country), the rest go where organisations are: weighted towards cities.
  const order = Array.from({ length: G }, (_, i) => i);
  for (let i = G - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const picker = new WeightedPicker(geo.gminas.map((g) => g.weight));
  const N = counts.organisations;
  const orgGmina = new Int32Array(N);
  const orgSector = new Uint8Array(N);
  const orgIds: string[] = new Array(N);
  const orgsByPowiat: number[][] = geo.powiats.map(() => []);
  const orgsByVoivodeship: number[][] = geo.voivodeships.map(() => []);
  const ngoOrgs: number[] = [];
  for (let i = 0; i < N; i++) {
    const g = i < G ? order[i]! : picker.pick(random);
    orgGmina[i] = g;
    const sector = weighted(random, [
      [NGO, 80],
      [PUBLIC, 12],
      [BUSINESS, 8],
    ] as const);
    orgSector[i] = sector;
    orgIds[i] = orgId(i);
    const gmina = geo.gminas[g]!;
    orgsByPowiat[gmina.powiat]!.push(i);
    orgsByVoivodeship[gmina.voivodeship]!.push(i);
    if (sector === NGO) ngoOrgs.push(i);
  }

  const partnerships = planPartnerships(
    new Random(seed, STREAM.partnerships),
    counts,
    geo,
    orgGmina,
    orgsByPowiat,
    orgsByVoivodeship,
  );
  return {
    seed,
    today,
    scale,
    counts,
    geo,
    orgIds,
    orgGmina,
    orgSector,
    orgsByPowiat,
    orgsByVoivodeship,
    ngoOrgs,
    partnerships,
    livePartnerships: partnerships.filter((p) => p.status !== 'DISSOLVED').map((p) => p.index),
  };
}

/**
 * Partnership sizes average `memberships / partnerships` and vary in pairs (+d, -d) so the total is
 * exactly the requested number of memberships. 80 % draw members from the lead's powiat, 15 % from
 * its voivodeship (several powiats), 5 % also from another voivodeship.
 */
function planPartnerships(
  random: Random,
  counts: ScaleCounts,
  geo: Geography,
  orgGmina: Int32Array,
  byPowiat: number[][],
  byVoivodeship: number[][],
): PartnershipPlan[] {
  const P = counts.partnerships;
  const N = counts.organisations;
  const base = Math.floor(counts.memberships / P);
  const remainder = counts.memberships - base * P;
  const sizes = Array.from({ length: P }, (_, p) => base + (p < remainder ? 1 : 0));
  const spread = Math.max(0, Math.min(8, base - 3, N - base - 1));
  for (let p = 0; p + 1 < P; p += 2) {
    const d = random.int(spread + 1);
    sizes[p]! += d;
    sizes[p + 1]! -= d;
  }
  const everyone = Array.from({ length: N }, (_, i) => i);
  const start2005 = 1827; // 2005-01-01
  const plans: PartnershipPlan[] = [];
  for (let p = 0; p < P; p++) {
    const reach = weighted(random, [
      ['LOCAL', 80],
      ['REGIONAL', 15],
      ['NATIONAL', 5],
    ] as const);
    const lead = random.int(N);
    const gmina = geo.gminas[orgGmina[lead]!]!;
    const taken = new Set([lead]);
    const members = [lead];
    const size = sizes[p]!;
    const powiatPool = byPowiat[gmina.powiat]!;
    const voivodeshipPool = byVoivodeship[gmina.voivodeship]!;
    if (reach === 'LOCAL') {
      drawDistinct(random, size, [powiatPool, voivodeshipPool, everyone], taken, members);
    } else if (reach === 'REGIONAL') {
      // Members from other powiats of the voivodeship first, then the lead's own.
      const others = geo.voivodeships[gmina.voivodeship]!.powiats.filter((x) => x !== gmina.powiat).flatMap(
        (x) => byPowiat[x]!,
      );
      drawDistinct(random, Math.ceil(size / 2), [others], taken, members);
      drawDistinct(random, size, [powiatPool, voivodeshipPool, everyone], taken, members);
    } else {
      let other = random.int(geo.voivodeships.length - 1);
      if (other >= gmina.voivodeship) other++;
      drawDistinct(random, Math.ceil(size / 3), [byVoivodeship[other]!, everyone], taken, members);
      drawDistinct(random, size, [voivodeshipPool, everyone], taken, members);
    }
    if (members.length !== size) throw new Error(`partnership ${p}: ${members.length} members drawn, ${size} wanted`);
    const status = weighted(random, [
      ['ACTIVE', 85],
      ['FORMING', 8],
      ['DISSOLVED', 7],
    ] as const);
    const establishedOn = start2005 + random.int(7305); // 2005–2024
    const dissolvedOn = status === 'DISSOLVED' ? Math.min(establishedOn + 365 + random.int(3000), 9496) : null; // ≤ 2025-12-31
    const active = status === 'DISSOLVED' ? [] : members.filter((_, k) => k === 0 || !random.chance(0.07));
    plans.push({
      index: p,
      id: stableUuid(`national:partnership:${p}`),
      reach,
      status,
      members,
      active,
      establishedOn,
      dissolvedOn,
    });
  }
  return plans;
}
