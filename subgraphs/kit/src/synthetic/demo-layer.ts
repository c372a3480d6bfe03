import { demoId } from '../demo.js';
import { readTercRegister, type TercUnit } from '../teryt.js';
import { eventTitle, NGO_FORMS, ngoName } from './names.js';
import { Random, weighted } from './random.js';
import { adjectiveGenitive, AREAS, AUDIENCES, GRANT_TASKS, MOTTOS, STREETS, THEMES, VENUES } from './words.js';

/*
 * The synthetic demo layer (`DEMO_DATA=full`): invented organisations seated across the powiats of
 * Mazowieckie and Podlaskie, their partnerships, events, competitions and grants, so that a first
 * start shows every feature. Every record is stored with source SYNTHETIC. The plan is one pure,
 * deterministic function: each subgraph seeds its own part of it and refers to the others' records by
 * the same derived ids (as the seed facts do), never by reading their tables. Dates are offsets in
 * days from the day of the start (Warsaw), applied by the seeders at every start.
 */

export interface SyntheticOrganisation {
  id: string;
  name: string;
  shortName: string | null;
  legalForm: string;
  /** TERC code of the seat (a gmina). */
  territoryCode: string;
  locality: string;
  streetAddress: string;
  description: string;
  areasOfActivity: string[];
}

export interface SyntheticPartnership {
  id: string;
  name: string;
  territoryCode: string;
  additionalTerritoryCodes: string[];
  description: string;
  themes: string[];
  /** Days from today (negative: in the past). */
  establishedIn: number;
  /** [0] is the lead partner. */
  memberIds: string[];
}

export interface SyntheticEvent {
  id: string;
  title: string;
  description: string;
  kind: string;
  /** Days from today of the start, and local start time and length. */
  startsIn: number;
  hour: number;
  hours: number;
  venueName: string;
  venueLocality: string;
  venueTerritoryCode: string;
  partnershipId: string | null;
  organiserIds: string[];
  audience: string[];
}

/** Funders of the seed facts that the layer's calls and grants come from (keys of `demoId('funder', key)`). */
export type SyntheticFunder = 'miasto-bialystok' | 'wojewodztwo-mazowieckie';

export interface SyntheticCall {
  id: string;
  title: string;
  description: string;
  funder: SyntheticFunder;
  opensIn: number;
  closesIn: number;
  budgetAmount: string;
  territoryCode: string;
}

export interface SyntheticGrant {
  id: string;
  title: string;
  description: string;
  agreementNumber: string;
  funder: SyntheticFunder;
  callId: string | null;
  recipientId: string;
  partnerIds: string[];
  /** Exact PLN amount, e.g. "48500.00". */
  amountAwarded: string;
  signedIn: number;
  startsIn: number;
  endsIn: number;
  beneficiaryTerritories: string[];
}

export interface SyntheticDemo {
  organisations: SyntheticOrganisation[];
  partnerships: SyntheticPartnership[];
  events: SyntheticEvent[];
  calls: SyntheticCall[];
  grants: SyntheticGrant[];
}

const SEED = 20261123;
const VOIVODESHIPS = ['14', '20'];
/** Cities with more organisations than one powiat's share: Warsaw and Białystok. */
const CITIES: Record<string, number> = { '1465': 8, '2061': 8 };
const BIALYSTOK = '2061011';
const CALL_AREAS = [
  'kultury, sztuki, ochrony dóbr kultury i dziedzictwa narodowego',
  'wspierania i upowszechniania kultury fizycznej',
  'pomocy społecznej i przeciwdziałania wykluczeniu',
  'ekologii i ochrony zwierząt oraz ochrony dziedzictwa przyrodniczego',
  'działalności na rzecz osób w wieku emerytalnym',
  'przeciwdziałania uzależnieniom i patologiom społecznym',
  'turystyki i krajoznawstwa',
  'wspierania rodziny i systemu pieczy zastępczej',
];
const NOTE = 'Dane syntetyczne: wymyślone na potrzeby demonstracji hubu, nie opisują rzeczywistości.';

const orgId = (n: number) => demoId('organisation', `synthetic:${n}`);

interface Powiat {
  unit: TercUnit;
  gminas: TercUnit[];
  orgs: number[];
}

function powiatsOf(units: TercUnit[], voivodeship: string): Powiat[] {
  const powiats = units
    .filter((u) => u.level === 'POWIAT' && u.code.startsWith(voivodeship))
    .map((unit) => ({ unit, gminas: [] as TercUnit[], orgs: [] as number[] }));
  const byCode = new Map(powiats.map((p) => [p.unit.code, p]));
  for (const u of units) if (u.level === 'GMINA') byCode.get(u.code.slice(0, 4))?.gminas.push(u);
  return powiats.filter((p) => p.gminas.length > 0);
}

function partnershipName(random: Random, powiat: Powiat): string {
  const genitive = powiat.unit.code.slice(2, 4) >= '61' ? null : adjectiveGenitive(powiat.unit.name);
  const motto = `„${random.pick(MOTTOS)}”`;
  const options = [`Partnerstwo Lokalne ${motto}`, `Lokalna Grupa Działania ${motto}`];
  if (genitive)
    options.push(
      `Sieć Współpracy Organizacji Pozarządowych Powiatu ${genitive}`,
      `Partnerstwo na rzecz Rozwoju Powiatu ${genitive}`,
    );
  else options.push(`Rada Organizacji Pozarządowych ${powiat.unit.name} ${motto}`);
  return random.pick(options);
}

const money = (random: Random, min: number, max: number, step: number) =>
  `${(min + step * random.int(Math.floor((max - min) / step) + 1)).toFixed(0)}.00`;

let plan: SyntheticDemo | undefined;

/** The synthetic demo layer, the same on every call and in every subgraph. */
export function syntheticDemo(): SyntheticDemo {
  plan ??= buildPlan();
  return plan;
}

function buildPlan(): SyntheticDemo {
  const units = readTercRegister();
  const random = new Random(SEED, 1);
  const organisations: SyntheticOrganisation[] = [];
  const byVoivodeship = VOIVODESHIPS.map((v) => powiatsOf(units, v));

  for (const powiats of byVoivodeship) {
    for (const powiat of powiats) {
      const count = CITIES[powiat.unit.code] ?? 2;
      for (let k = 0; k < count; k++) {
        // The first one in the powiat's first gmina (its town, as a rule), the others anywhere in it.
        const gmina = k === 0 ? powiat.gminas[0]! : random.pick(powiat.gminas);
        let form: string = weighted(random, NGO_FORMS);
        // Rural housewives' circles are a village institution: in towns the seat is an association.
        if (form === 'KOLO_GOSPODYN_WIEJSKICH' && gmina.kind.startsWith('gmina miejska')) form = 'STOWARZYSZENIE';
        const named = ngoName(random, form, gmina);
        const areas = [...new Set([random.pick(AREAS), random.pick(AREAS)])];
        powiat.orgs.push(organisations.length);
        organisations.push({
          id: orgId(organisations.length),
          name: named.name,
          shortName: named.shortName,
          legalForm: form,
          territoryCode: gmina.code,
          locality: gmina.name,
          streetAddress: `ul. ${random.pick(STREETS)} ${1 + random.int(80)}`,
          description: `Organizacja działa na rzecz mieszkańców gminy ${gmina.name}, w obszarach: ${areas.join(', ')}. ${NOTE}`,
          areasOfActivity: areas,
        });
      }
    }
  }

  // Partnerships: three neighbouring powiats (by code) each, one member from each powiat and a second
  // from the first, so members sit in different powiats and gminas and the analytics find ties.
  const partnerships: SyntheticPartnership[] = [];
  for (const powiats of byVoivodeship) {
    for (let p = 0; p + 2 < powiats.length; p += 3) {
      const group = powiats.slice(p, p + 3);
      const memberIds = [
        organisations[group[0]!.orgs[0]!]!.id,
        ...group.slice(1).map((g) => organisations[g.orgs[0]!]!.id),
        organisations[group[0]!.orgs[1]!]!.id,
      ];
      partnerships.push({
        id: demoId('partnership', `synthetic:${partnerships.length}`),
        name: partnershipName(random, group[0]!),
        territoryCode: group[0]!.unit.code,
        additionalTerritoryCodes: group.slice(1).map((g) => g.unit.code),
        description: `Porozumienie organizacji z powiatów: ${group.map((g) => g.unit.name).join(', ')}. ${NOTE}`,
        themes: [...new Set([random.pick(THEMES), random.pick(THEMES)])],
        establishedIn: -200 - random.int(1500),
        memberIds,
      });
    }
  }

  const events: SyntheticEvent[] = [];
  const addEvent = (organisers: number[], startsIn: number, partnershipId: string | null = null) => {
    const first = organisations[organisers[0]!]!;
    const kind = weighted(random, [
      ['WORKSHOP', 15],
      ['TRAINING', 14],
      ['CONFERENCE', 6],
      ['MEETING', 14],
      ['CONSULTATION', 5],
      ['FESTIVAL', 8],
      ['CULTURAL', 12],
      ['SPORTS', 8],
      ['FORUM', 3],
    ] as const);
    const hour = 9 + random.int(9);
    const audience = [...new Set([random.pick(AUDIENCES), random.pick(AUDIENCES)])];
    events.push({
      id: demoId('event', `synthetic:${events.length}`),
      title: eventTitle(random, kind, new Date().getUTCFullYear(), first.locality),
      description: `Zapraszamy (${audience.join(', ')}) do udziału. Wstęp wolny. ${NOTE}`,
      kind,
      startsIn,
      hour,
      hours: 2 + random.int(Math.min(5, 21 - hour)),
      venueName: random.pick(VENUES),
      venueLocality: first.locality,
      venueTerritoryCode: first.territoryCode,
      partnershipId,
      organiserIds: organisers.map((o) => organisations[o]!.id),
      audience,
    });
  };
  const [mazowsze, podlasie] = byVoivodeship as [Powiat[], Powiat[]];
  const bialystok = podlasie.find((p) => p.unit.code === '2061')!;
  // Białystok: a calendar for the coming two months and a few past events, some with a co-organiser from the region.
  for (let k = 0; k < 14; k++) {
    const organisers = [bialystok.orgs[k % bialystok.orgs.length]!];
    if (k % 3 === 0) organisers.push(random.pick(random.pick(podlasie.filter((p) => p !== bialystok)).orgs));
    addEvent(organisers, k < 10 ? 1 + k * 6 + random.int(5) : -20 - random.int(300));
  }
  // Across both voivodeships: one event per powiat, upcoming in two cases of three, half with a co-organiser of another powiat.
  for (const powiats of [mazowsze, podlasie]) {
    powiats.forEach((powiat, p) => {
      if (powiat === bialystok) return;
      const organisers = [powiat.orgs[1]!];
      if (p % 2 === 0) organisers.push(powiats[(p + 1) % powiats.length]!.orgs[1]!);
      addEvent(organisers, p % 3 === 2 ? -10 - random.int(400) : 1 + random.int(90));
    });
  }
  // Each partnership meets: the lead and another member organise it together.
  for (const partnership of partnerships) {
    const lead = organisations.findIndex((o) => o.id === partnership.memberIds[0]);
    const other = organisations.findIndex((o) => o.id === partnership.memberIds[1]);
    addEvent([lead, other], 3 + random.int(60), partnership.id);
  }

  // Competitions of the city of Białystok and of the Mazowieckie voivodeship: most open today, one
  // opening later and one closed (whose grants follow).
  const calls: SyntheticCall[] = [];
  const callWindows = [
    [-14, 16],
    [-7, 30],
    [-3, 45],
    [12, 42],
    [-400, -370],
  ] as const;
  const closedCall: Record<SyntheticFunder, string> = { 'miasto-bialystok': '', 'wojewodztwo-mazowieckie': '' };
  for (const funder of ['miasto-bialystok', 'wojewodztwo-mazowieckie'] as const) {
    const who =
      funder === 'miasto-bialystok'
        ? 'Prezydent Miasta Białegostoku ogłasza'
        : 'Zarząd Województwa Mazowieckiego ogłasza';
    for (const [opensIn, closesIn] of callWindows) {
      const area = random.pick(CALL_AREAS);
      const id = demoId('call', `synthetic:${calls.length}`);
      if (opensIn < -300) closedCall[funder] = id;
      calls.push({
        id,
        title: `Otwarty konkurs ofert na realizację zadań publicznych w zakresie ${area}`,
        description: `${who} otwarty konkurs ofert dla organizacji pozarządowych na realizację zadań publicznych w zakresie ${area}. ${NOTE}`,
        funder,
        opensIn,
        closesIn,
        budgetAmount: money(random, funder === 'miasto-bialystok' ? 200_000 : 500_000, 2_000_000, 50_000),
        territoryCode: funder === 'miasto-bialystok' ? BIALYSTOK : '14',
      });
    }
  }

  // Grants with amounts: the voivodeship funds organisations in every third powiat of Mazowieckie
  // (partnered with one of the next powiat), the city funds organisations in Białystok.
  const grants: SyntheticGrant[] = [];
  const addGrant = (funder: SyntheticFunder, recipient: number, partner: number | null) => {
    const r = organisations[recipient]!;
    const task = random.pick(GRANT_TASKS);
    const startsIn = -30 - random.int(700);
    const n = grants.length;
    const partnerIds = partner === null ? [] : [organisations[partner]!.id];
    grants.push({
      id: demoId('grant', `synthetic:${n}`),
      title: task,
      description: `Zadanie publiczne „${task}” realizowane przez ${r.name}. ${NOTE}`,
      agreementNumber: `SYN/${funder === 'miasto-bialystok' ? 'UMB' : 'UMWM'}/${String(n + 1).padStart(3, '0')}`,
      funder,
      callId: n % 4 === 0 ? closedCall[funder] : null,
      recipientId: r.id,
      partnerIds,
      amountAwarded: money(random, 10_000, 250_000, 500),
      signedIn: startsIn - 10 - random.int(20),
      startsIn,
      endsIn: startsIn + 90 + random.int(240),
      beneficiaryTerritories: [
        ...new Set([
          r.territoryCode.slice(0, 4),
          ...(partner === null ? [] : [organisations[partner]!.territoryCode.slice(0, 4)]),
        ]),
      ],
    });
  };
  mazowsze.forEach((powiat, p) => {
    if (p % 3 !== 0) return;
    addGrant('wojewodztwo-mazowieckie', powiat.orgs[0]!, mazowsze[(p + 1) % mazowsze.length]!.orgs[0]!);
    addGrant('wojewodztwo-mazowieckie', powiat.orgs[1]!, null);
  });
  for (let k = 0; k < 8; k++) {
    addGrant(
      'miasto-bialystok',
      bialystok.orgs[k]!,
      k % 2 === 0 ? bialystok.orgs[(k + 1) % bialystok.orgs.length]! : null,
    );
  }

  return { organisations, partnerships, events, calls, grants };
}

/** The ISO date `days` after the ISO date `day` (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
