import { stableUuid } from '@ngo-hub/kit';
import { dayNumber, isoDay, yearOf } from './calendar.js';
import { NULL, text } from './copy.js';
import { importedAt } from './organisations.js';
import { GRANT_TASKS, Random, weighted } from '@ngo-hub/kit/synthetic';
import { STREAM, drawDistinct, type World } from './world.js';

export const FUNDER_COLUMNS = ['id', 'name', 'kind', 'organisation_id', 'country', 'description', 'created_at'];
export const PROGRAMME_COLUMNS = ['id', 'name', 'funder_id', 'parent_id', 'description', 'created_at'];
export const CALL_COLUMNS = [
  'id',
  'title',
  'description',
  'programme_id',
  'funder_id',
  'opens_on',
  'closes_on',
  'budget_amount',
  'budget_currency',
  'url',
  'created_at',
  'source',
];
export const CALL_TERRITORY_COLUMNS = ['call_id', 'territory_code'];
export const GRANT_COLUMNS = [
  'id',
  'title',
  'description',
  'agreement_number',
  'agreement_signed_on',
  'form_of_support',
  'recipient_id',
  'partnership_id',
  'funder_id',
  'programme_id',
  'call_id',
  'currency',
  'amount_awarded',
  'own_contribution',
  'starts_on',
  'ends_on',
  'created_at',
  'updated_at',
  'source',
];
export const GRANT_PARTNER_COLUMNS = ['grant_id', 'organisation_id', 'position'];
export const FUNDING_SOURCE_COLUMNS = ['grant_id', 'funder_id', 'position', 'amount'];
export const BENEFICIARY_COLUMNS = ['grant_id', 'territory_code'];

export const FUNDER = 0;
export const PROGRAMME = 1;
export const CALL = 2;
export const CALL_TERRITORY = 3;
export const GRANT = 0;
export const GRANT_PARTNER = 1;
export const FUNDING_SOURCE = 2;
export const BENEFICIARY = 3;

type FunderKind = 'PUBLIC_BUDGET' | 'EU_FUND' | 'FOREIGN_MECHANISM' | 'FOUNDATION' | 'COMPANY' | 'OTHER';
type Form = 'PUBLIC_TASK_SUPPORT' | 'PUBLIC_TASK_ENTRUSTMENT' | 'GRANT' | 'REGRANTING';

interface ProgrammeSpec {
  key: string;
  name: string;
  from: number;
  to: number;
  parent?: string;
}

interface FunderSpec {
  key: string;
  name: string;
  kind: FunderKind;
  country: string | null;
  /** Agreement numbers read `<prefix>/<year>/<n>`, n counting per funder. */
  prefix: string;
  /** Where its recipients are: one voivodeship, one city (gmina code), or anywhere. */
  voivodeship?: number;
  city?: string;
  /** Relative share of the grants of a recipient it can fund. */
  weight: number;
  amount: [number, number];
  forms: readonly (readonly [Form, number])[];
  /** Share of its grants co-financed from the state budget (85 % / 15 %). */
  coFinanced: number;
  programmes: ProgrammeSpec[];
}

const LOCAL_FORMS = [
  ['PUBLIC_TASK_SUPPORT', 85],
  ['PUBLIC_TASK_ENTRUSTMENT', 15],
] as const;
const GRANT_FORM = [['GRANT', 1]] as const;

const CITIES: [string, string, string][] = [
  ['1465011', 'Miasto Stołeczne Warszawa', 'UM-WAW'],
  ['1261011', 'Gmina Miejska Kraków', 'UMK'],
  ['0264011', 'Gmina Wrocław', 'UM-WRO'],
  ['1061011', 'Miasto Łódź', 'UMŁ'],
  ['3064011', 'Miasto Poznań', 'UMP'],
  ['2261011', 'Gmina Miasta Gdańska', 'UM-GD'],
  ['3262011', 'Gmina Miasto Szczecin', 'UM-SZ'],
  ['0663011', 'Gmina Lublin', 'UM-LU'],
  ['2061011', 'Gmina Miasto Białystok', 'UM-BI'],
  ['2469011', 'Miasto Katowice', 'UM-KAT'],
  ['1863011', 'Gmina Miasto Rzeszów', 'UM-RZ'],
  ['0463011', 'Gmina Miasta Toruń', 'UM-TOR'],
];

/** The funders, their programmes (with the years they ran) and the share of grants each awards. */
export function funderCatalogue(world: World): FunderSpec[] {
  const specs: FunderSpec[] = [
    {
      key: 'budzet-panstwa',
      name: 'Skarb Państwa – budżet państwa',
      kind: 'PUBLIC_BUDGET',
      country: 'PL',
      prefix: 'BP',
      weight: 0,
      amount: [0, 0],
      forms: GRANT_FORM,
      coFinanced: 0,
      programmes: [],
    },
  ];
  for (const [index, v] of world.geo.voivodeships.entries()) {
    specs.push({
      key: `wojewodztwo-${v.code}`,
      name: `Województwo ${v.name}`,
      kind: 'PUBLIC_BUDGET',
      country: 'PL',
      prefix: `UM${v.code}-DOB`,
      voivodeship: index,
      weight: 34,
      amount: [5_000, 120_000],
      forms: LOCAL_FORMS,
      coFinanced: 0,
      programmes: [
        {
          key: `wojewodztwo-${v.code}-wspolpraca`,
          name: `Program współpracy Samorządu Województwa ${v.genitive} z organizacjami pozarządowymi`,
          from: 2016,
          to: 2025,
        },
      ],
    });
  }
  for (const [code, name, prefix] of CITIES)
    specs.push({
      key: `miasto-${code}`,
      name,
      kind: 'PUBLIC_BUDGET',
      country: 'PL',
      prefix,
      city: code,
      weight: 30,
      amount: [3_000, 200_000],
      forms: LOCAL_FORMS,
      coFinanced: 0,
      programmes: [
        {
          key: `miasto-${code}-wspolpraca`,
          name: 'Roczny program współpracy z organizacjami pozarządowymi',
          from: 2016,
          to: 2025,
        },
      ],
    });
  specs.push(
    {
      key: 'niw-crso',
      name: 'Narodowy Instytut Wolności – Centrum Rozwoju Społeczeństwa Obywatelskiego',
      kind: 'PUBLIC_BUDGET',
      country: 'PL',
      prefix: 'NIW',
      weight: 9,
      amount: [20_000, 400_000],
      forms: GRANT_FORM,
      coFinanced: 0,
      programmes: [
        { key: 'niw-fio', name: 'Program Fundusz Inicjatyw Obywatelskich na lata 2014–2020', from: 2016, to: 2020 },
        {
          key: 'niw-nowefio',
          name: 'Program Fundusz Inicjatyw Obywatelskich NOWEFIO na lata 2021–2030',
          from: 2021,
          to: 2025,
        },
        {
          key: 'niw-proo',
          name: 'Rządowy Program Rozwoju Organizacji Obywatelskich na lata 2018–2030',
          from: 2018,
          to: 2025,
        },
        {
          key: 'niw-korpus',
          name: 'Rządowy Program Wspierania Rozwoju Wolontariatu „Korpus Solidarności”',
          from: 2018,
          to: 2025,
        },
        { key: 'niw-rfm', name: 'Rządowy Program Fundusz Młodzieżowy na lata 2022–2033', from: 2022, to: 2025 },
      ],
    },
    {
      key: 'mrips',
      name: 'Ministerstwo Rodziny i Polityki Społecznej',
      kind: 'PUBLIC_BUDGET',
      country: 'PL',
      prefix: 'DPS',
      weight: 3,
      amount: [30_000, 300_000],
      forms: LOCAL_FORMS,
      coFinanced: 0,
      programmes: [
        { key: 'mrips-senior', name: 'Program wieloletni „Senior+” na lata 2015–2020', from: 2016, to: 2020 },
        { key: 'mrips-senior-2021', name: 'Program wieloletni „Senior+” na lata 2021–2025', from: 2021, to: 2025 },
        { key: 'mrips-aktywni', name: 'Program „Aktywni+” na lata 2021–2025', from: 2021, to: 2025 },
      ],
    },
    {
      key: 'msit',
      name: 'Ministerstwo Sportu i Turystyki',
      kind: 'PUBLIC_BUDGET',
      country: 'PL',
      prefix: 'DS',
      weight: 3,
      amount: [10_000, 30_000],
      forms: LOCAL_FORMS,
      coFinanced: 0,
      programmes: [
        { key: 'msit-klub', name: 'Program „Klub”', from: 2019, to: 2025 },
        { key: 'msit-sport-wszystkich', name: 'Program „Sport dla Wszystkich”', from: 2016, to: 2025 },
      ],
    },
    {
      key: 'nck',
      name: 'Narodowe Centrum Kultury',
      kind: 'PUBLIC_BUDGET',
      country: 'PL',
      prefix: 'NCK',
      weight: 3,
      amount: [10_000, 200_000],
      forms: GRANT_FORM,
      coFinanced: 0,
      programmes: [
        { key: 'nck-interwencje', name: 'Program „Kultura – Interwencje”', from: 2016, to: 2025 },
        { key: 'nck-etnopolska', name: 'Program „EtnoPolska”', from: 2017, to: 2025 },
        { key: 'nck-bmk', name: 'Program „Bardzo Młoda Kultura”', from: 2016, to: 2025 },
      ],
    },
    {
      key: 'mf-eog',
      name: 'Mechanizm Finansowy Europejskiego Obszaru Gospodarczego',
      kind: 'FOREIGN_MECHANISM',
      country: null,
      prefix: 'AO',
      weight: 2,
      amount: [100_000, 1_000_000],
      forms: GRANT_FORM,
      coFinanced: 0.5,
      programmes: [
        { key: 'eog-2014-2021', name: 'Mechanizm Finansowy EOG 2014–2021', from: 2018, to: 2024 },
        {
          key: 'eog-ao-krajowy',
          name: 'Aktywni Obywatele – Fundusz Krajowy',
          from: 2018,
          to: 2024,
          parent: 'eog-2014-2021',
        },
        {
          key: 'eog-ao-regionalny',
          name: 'Aktywni Obywatele – Fundusz Regionalny',
          from: 2018,
          to: 2024,
          parent: 'eog-2014-2021',
        },
      ],
    },
    {
      key: 'nmf',
      name: 'Norweski Mechanizm Finansowy',
      kind: 'FOREIGN_MECHANISM',
      country: 'NO',
      prefix: 'NMF',
      weight: 1,
      amount: [100_000, 800_000],
      forms: GRANT_FORM,
      coFinanced: 0.5,
      programmes: [{ key: 'nmf-rozwoj-lokalny', name: 'Program „Rozwój Lokalny”', from: 2019, to: 2024 }],
    },
    {
      key: 'efs',
      name: 'Europejski Fundusz Społeczny',
      kind: 'EU_FUND',
      country: null,
      prefix: 'POWR',
      weight: 3,
      amount: [200_000, 3_000_000],
      forms: GRANT_FORM,
      coFinanced: 1,
      programmes: [
        { key: 'efs-power', name: 'Program Operacyjny Wiedza Edukacja Rozwój 2014–2020', from: 2016, to: 2022 },
      ],
    },
    {
      key: 'efs-plus',
      name: 'Europejski Fundusz Społeczny Plus',
      kind: 'EU_FUND',
      country: null,
      prefix: 'FERS',
      weight: 3,
      amount: [200_000, 3_000_000],
      forms: GRANT_FORM,
      coFinanced: 1,
      programmes: [
        { key: 'efs-plus-fers', name: 'Fundusze Europejskie dla Rozwoju Społecznego 2021–2027', from: 2023, to: 2025 },
      ],
    },
    {
      key: 'pafw',
      name: 'Polsko-Amerykańska Fundacja Wolności',
      kind: 'FOUNDATION',
      country: 'PL',
      prefix: 'DL',
      weight: 3,
      amount: [1_000, 6_000],
      forms: [['REGRANTING', 1]],
      coFinanced: 0,
      programmes: [{ key: 'pafw-dzialaj-lokalnie', name: 'Program „Działaj Lokalnie”', from: 2016, to: 2025 }],
    },
    {
      key: 'fundacja-orlen',
      name: 'Fundacja Orlen',
      kind: 'FOUNDATION',
      country: 'PL',
      prefix: 'FO',
      weight: 2,
      amount: [2_000, 20_000],
      forms: GRANT_FORM,
      coFinanced: 0,
      programmes: [
        { key: 'orlen-moje-miejsce', name: 'Program grantowy „Moje miejsce na Ziemi”', from: 2019, to: 2025 },
      ],
    },
    {
      key: 'fundacja-pzu',
      name: 'Fundacja PZU',
      kind: 'FOUNDATION',
      country: 'PL',
      prefix: 'FPZU',
      weight: 2,
      amount: [10_000, 60_000],
      forms: GRANT_FORM,
      coFinanced: 0,
      programmes: [{ key: 'pzu-konkurs', name: 'Konkurs grantowy Fundacji PZU', from: 2016, to: 2025 }],
    },
  );
  return specs;
}

export const funderId = (key: string) => stableUuid(`national:funder:${key}`);
export const programmeId = (key: string) => stableUuid(`national:programme:${key}`);
export const callId = (programme: string, year: number) => stableUuid(`national:call:${programme}:${year}`);
/** The round of a running programme that is open on the day of the load. */
export const currentCallId = (programme: string) => stableUuid(`national:call:${programme}:current`);
/** Programmes running to this year are still running: each has a round open on the day of the load. */
const LAST_YEAR = 2025;

const money = (grosze: number) => `${Math.floor(grosze / 100)}.${String(grosze % 100).padStart(2, '0')}`;

/** Rows of funder, programme, call and call_eligible_territory (a few hundred in all, whatever the scale). */
export function* funderRows(world: World): Generator<[number, string]> {
  const random = new Random(world.seed, STREAM.funders);
  const created = importedAt(0);
  for (const f of funderCatalogue(world)) {
    const description =
      f.voivodeship !== undefined
        ? `Budżet Samorządu Województwa ${world.geo.voivodeships[f.voivodeship]!.genitive}.`
        : null;
    yield [
      FUNDER,
      [funderId(f.key), text(f.name), f.kind, NULL, f.country ?? NULL, text(description), created].join('\t'),
    ];
    for (const p of f.programmes) {
      yield [
        PROGRAMME,
        [
          programmeId(p.key),
          text(p.name),
          funderId(f.key),
          p.parent ? programmeId(p.parent) : NULL,
          NULL,
          created,
        ].join('\t'),
      ];
      // An umbrella programme has no calls of its own; its sub-programmes do.
      if (f.programmes.some((c) => c.parent === p.key)) continue;
      const local = f.voivodeship !== undefined || f.city !== undefined;
      const territory = f.voivodeship !== undefined ? world.geo.voivodeships[f.voivodeship]!.code : f.city;
      const call = (id: string, year: number, opens: number, closes: number): [number, string][] => {
        const title = local
          ? `Otwarty konkurs ofert na realizację zadań publicznych w ${year} roku`
          : `Nabór wniosków ${year} – ${p.name}`;
        const budget = money(100 * 1000 * (f.amount[1] / 1000) * (20 + random.int(200)));
        const row = [id, text(title), NULL, programmeId(p.key), funderId(f.key), isoDay(opens), isoDay(closes)];
        return [
          [CALL, [...row, budget, 'PLN', NULL, created, 'SYNTHETIC'].join('\t')],
          ...(territory ? [[CALL_TERRITORY, `${id}\t${territory}`] as [number, string]] : []),
        ];
      };
      for (let year = p.from; year <= p.to; year++) {
        const opens = local ? dayNumber(year - 1, 11, 1) + random.int(30) : dayNumber(year, 1, 15) + random.int(120);
        yield* call(callId(p.key, year), year, opens, opens + 21 + random.int(25));
      }
      // A programme still running has a round open on the day of the load, so "open" is never empty.
      if (p.to >= LAST_YEAR) {
        const opens = world.today - random.int(21);
        yield* call(
          currentCallId(p.key),
          yearOf(world.today) + (local ? 1 : 0),
          opens,
          world.today + 7 + random.int(40),
        );
      }
    }
  }
}

function amountIn(random: Random, [min, max]: [number, number]): number {
  // Log-uniform: many small grants, few large ones; most amounts round to 100 zł, some to the grosz.
  const zl = min * Math.exp(random.float() * Math.log(max / min));
  return random.chance(0.8) ? Math.round(zl / 100) * 10_000 : Math.round(zl * 100);
}

/**
 * Rows of grant_award (sink GRANT), grant_partner, grant_funding_source and
 * grant_beneficiary_territory. The recipient is drawn first (mostly NGOs); the funder is one that
 * can fund it: its voivodeship, its city, or a national, EU or private funder.
 */
export function* grantRows(world: World): Generator<[number, string]> {
  const random = new Random(world.seed, STREAM.grants);
  const { geo, orgGmina, orgIds } = world;
  const catalogue = funderCatalogue(world);
  const state = catalogue[0]!;
  const byVoivodeship = new Map(catalogue.filter((f) => f.voivodeship !== undefined).map((f) => [f.voivodeship!, f]));
  const byCity = new Map(catalogue.filter((f) => f.city !== undefined).map((f) => [f.city!, f]));
  const national = catalogue.filter((f) => f.weight > 0 && f.voivodeship === undefined && f.city === undefined);
  const agreementCounter = new Map<string, number>();
  const everyone = Array.from({ length: orgIds.length }, (_, i) => i);
  const pool = world.ngoOrgs.length > 0 ? world.ngoOrgs : everyone;
  const partners: number[] = [];
  const taken = new Set<number>();
  const candidates: (readonly [FunderSpec, number])[] = [];
  for (let i = 0; i < world.counts.grants; i++) {
    partners.length = 0;
    taken.clear();
    let recipient: number;
    let partnershipId: string | null = null;
    if (world.livePartnerships.length > 0 && random.chance(0.05)) {
      const plan = world.partnerships[random.pick(world.livePartnerships)]!;
      partnershipId = plan.id;
      recipient = plan.members[0]!;
      taken.add(recipient);
      drawDistinct(
        random,
        Math.min(1 + random.int(3), plan.active.length - 1),
        [plan.active.filter((m) => m !== recipient)],
        taken,
        partners,
      );
    } else {
      recipient = random.chance(0.92) ? random.pick(pool) : random.int(orgIds.length);
      taken.add(recipient);
      if (random.chance(0.18)) {
        const gmina = geo.gminas[orgGmina[recipient]!]!;
        const wanted = 1 + random.int(3);
        while (partners.length < wanted) {
          const where = random.float();
          const from =
            where < 0.6
              ? world.orgsByPowiat[gmina.powiat]!
              : where < 0.85
                ? world.orgsByVoivodeship[gmina.voivodeship]!
                : everyone;
          const before = partners.length;
          drawDistinct(random, partners.length + 1, [from, everyone], taken, partners);
          if (partners.length === before) break;
        }
      }
    }
    const gmina = geo.gminas[orgGmina[recipient]!]!;
    const year = 2016 + random.int(10);
    candidates.length = 0;
    const regional = byVoivodeship.get(gmina.voivodeship);
    if (regional) candidates.push([regional, regional.weight]);
    const city = byCity.get(gmina.code);
    if (city) candidates.push([city, city.weight]);
    for (const f of national)
      if (f.programmes.some((p) => p.from <= year && year <= p.to)) candidates.push([f, f.weight]);
    const funder = weighted(random, candidates);
    const live = funder.programmes.filter(
      (p) => p.from <= year && year <= p.to && !funder.programmes.some((c) => c.parent === p.key),
    );
    const programme = random.pick(live);
    // Numbered per funder and year, as offices do: `<prefix>/<year>/<n>` is unique per funder.
    const counterKey = `${funder.key}/${year}`;
    const n = (agreementCounter.get(counterKey) ?? 0) + 1;
    agreementCounter.set(counterKey, n);
    const amount = amountIn(random, funder.amount);
    const own = random.chance(0.6) ? Math.round(amount * (0.05 + random.float() * 0.15)) : null;
    const starts = dayNumber(year, 1, 1) + random.int(330);
    const yearEnd = dayNumber(year, 12, 31);
    const local = funder.voivodeship !== undefined || funder.city !== undefined;
    const ends = local ? Math.min(yearEnd, starts + 30 + random.int(300)) : starts + 90 + random.int(640);
    const signed = random.chance(0.9) ? isoDay(starts - random.int(21)) : NULL;
    const task = random.pick(GRANT_TASKS);
    const title = random.chance(0.5)
      ? `${task} – ${gmina.name}`
      : `„${task}”${random.chance(0.3) ? ` – edycja ${2 + random.int(6)}` : ''}`;
    const id = stableUuid(`national:grant:${i}`);
    const created = importedAt(i);
    yield [
      GRANT,
      [
        id,
        text(title),
        NULL,
        `${funder.prefix}/${year}/${n}`,
        signed,
        weighted(random, funder.forms),
        orgIds[recipient],
        partnershipId ?? NULL,
        funderId(funder.key),
        programmeId(programme.key),
        random.chance(0.85) ? callId(programme.key, year) : NULL,
        'PLN',
        money(amount),
        own === null ? NULL : money(own),
        isoDay(starts),
        isoDay(ends),
        created,
        created,
        'SYNTHETIC',
      ].join('\t'),
    ];
    for (let k = 0; k < partners.length; k++) yield [GRANT_PARTNER, `${id}\t${orgIds[partners[k]!]}\t${k}`];
    if (funder.coFinanced > 0 && random.chance(funder.coFinanced)) {
      const main = Math.round(amount * 0.85);
      yield [FUNDING_SOURCE, `${id}\t${funderId(funder.key)}\t0\t${money(main)}`];
      yield [FUNDING_SOURCE, `${id}\t${funderId(state.key)}\t1\t${money(amount - main)}`];
    }
    const territories = new Set<string>();
    if (funder.city !== undefined || random.chance(0.7)) territories.add(gmina.code);
    else territories.add(geo.powiats[gmina.powiat]!.code);
    if (funder.voivodeship === undefined && funder.city === undefined && random.chance(0.2))
      territories.add(geo.voivodeships[gmina.voivodeship]!.code);
    for (const code of territories) yield [BENEFICIARY, `${id}\t${code}`];
  }
}
