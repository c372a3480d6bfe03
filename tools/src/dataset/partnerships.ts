import { stableUuid } from '@ngo-hub/kit';
import { isoDay } from './calendar.js';
import { NULL, text, textArray } from './copy.js';
import { importedAt } from './organisations.js';
import { Random } from '@ngo-hub/kit/synthetic';
import { MOTTOS, THEMES, locative } from '@ngo-hub/kit/synthetic';
import { STREAM, type PartnershipPlan, type World } from './world.js';

export const PARTNERSHIP_COLUMNS = [
  'id',
  'name',
  'description',
  'territory_code',
  'additional_territory_codes',
  'status',
  'themes',
  'established_on',
  'has_legal_personality',
  'created_at',
  'updated_at',
  'source',
];
export const MEMBERSHIP_COLUMNS = [
  'id',
  'partnership_id',
  'organisation_id',
  'role',
  'declaration_signed_on',
  'joined_on',
  'left_on',
  'created_at',
];

export const PARTNERSHIP = 0;
export const MEMBERSHIP = 1;

const LAST_DAY = 9496; // 2025-12-31: every left_on lies in the past

function partnershipName(random: Random, world: World, plan: PartnershipPlan): string {
  const gmina = world.geo.gminas[world.orgGmina[plan.members[0]!]!]!;
  const powiat = world.geo.powiats[gmina.powiat]!;
  const voivodeship = world.geo.voivodeships[gmina.voivodeship]!;
  const motto = `„${random.pick(MOTTOS)}”`;
  if (plan.reach === 'NATIONAL') {
    return random.pick([
      `Ogólnopolska Sieć ${motto}`,
      `Koalicja ${motto}`,
      `Porozumienie Organizacji Pozarządowych ${motto}`,
    ]);
  }
  if (plan.reach === 'REGIONAL') {
    return random.pick([
      `Regionalna Sieć Organizacji Pozarządowych Województwa ${voivodeship.genitive}`,
      `Partnerstwo na rzecz Rozwoju Województwa ${voivodeship.genitive} ${motto}`,
      `Lokalna Grupa Działania ${motto}`,
    ]);
  }
  const inPlace = locative(gmina.name);
  const options = [`Partnerstwo Lokalne ${motto}`, `Lokalna Grupa Działania ${motto}`];
  if (powiat.genitive)
    options.push(
      `Sieć Współpracy Organizacji Pozarządowych Powiatu ${powiat.genitive}`,
      `Partnerstwo na rzecz Rozwoju Powiatu ${powiat.genitive}`,
    );
  if (inPlace) options.push(`Partnerstwo Lokalne w ${inPlace}`, `Rada Organizacji Pozarządowych w ${inPlace}`);
  return random.pick(options);
}

/** Rows of partnerships.partnership (sink PARTNERSHIP) and partnerships.membership (sink MEMBERSHIP). */
export function* partnershipRows(world: World): Generator<[number, string]> {
  const random = new Random(world.seed, STREAM.memberships);
  const { geo } = world;
  for (const plan of world.partnerships) {
    const gmina = geo.gminas[world.orgGmina[plan.members[0]!]!]!;
    const powiat = geo.powiats[gmina.powiat]!;
    const voivodeship = geo.voivodeships[gmina.voivodeship]!;
    let territory = powiat.code;
    const additional = new Set<string>();
    if (plan.reach === 'REGIONAL') territory = voivodeship.code;
    if (plan.reach === 'NATIONAL') {
      territory = voivodeship.code;
      for (const m of plan.members) {
        const v = geo.voivodeships[geo.gminas[world.orgGmina[m]!]!.voivodeship]!.code;
        if (v !== territory) additional.add(v);
      }
    }
    const themes: string[] = [];
    for (let k = 1 + random.int(3); k > 0; k--) {
      const t = random.pick(THEMES);
      if (!themes.includes(t)) themes.push(t);
    }
    const name = partnershipName(random, world, plan);
    const description = random.chance(0.5)
      ? `Partnerstwo ${plan.members.length} podmiotów z trzech sektorów, działające w obszarach: ${themes.join(', ')}.`
      : null;
    const created = importedAt(plan.index);
    yield [
      PARTNERSHIP,
      [
        plan.id,
        text(name),
        text(description),
        territory,
        textArray([...additional].sort()),
        plan.status,
        textArray(themes),
        isoDay(plan.establishedOn),
        random.chance(0.2) ? 't' : 'f',
        created,
        created,
        'SYNTHETIC',
      ].join('\t'),
    ];

    const active = new Set(plan.active);
    for (let k = 0; k < plan.members.length; k++) {
      const org = plan.members[k]!;
      const role = k === 0 ? 'LEAD_PARTNER' : k <= 2 && plan.members.length > 5 ? 'COORDINATION_TEAM' : 'MEMBER';
      const joined = Math.min(plan.establishedOn + (k === 0 ? 0 : random.int(700)), LAST_DAY - 60);
      let left: number | null = null;
      if (plan.dissolvedOn !== null) left = Math.max(joined, plan.dissolvedOn);
      else if (!active.has(org)) left = Math.min(LAST_DAY, joined + 30 + random.int(2000));
      const signed = random.chance(0.8) ? isoDay(joined) : NULL;
      yield [
        MEMBERSHIP,
        [
          stableUuid(`national:membership:${plan.index}:${k}`),
          plan.id,
          world.orgIds[org],
          role,
          signed,
          isoDay(joined),
          left === null ? NULL : isoDay(left),
          created,
        ].join('\t'),
      ];
    }
  }
}
