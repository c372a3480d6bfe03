import { stableUuid } from '@ngo-hub/kit';
import { dayNumber, isoDay } from './calendar.js';
import { NULL, text, textArray } from './copy.js';
import type { Gmina } from './geography.js';
import {
  AREAS,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  INSTITUTIONS,
  NGO_FORMS,
  PATRONS,
  Random,
  STREETS,
  TRADES,
  locative,
  ngoName,
  officeName,
  personName,
  slug,
  weighted,
  type Named,
} from '@ngo-hub/kit/synthetic';
import { syntheticKrs, syntheticNip, syntheticRegon } from './identifiers.js';
import { BUSINESS, NGO, SECTORS, STREAM, type World } from './world.js';

export const ORGANISATION_COLUMNS = [
  'id',
  'name',
  'short_name',
  'sector',
  'legal_form',
  'public_benefit',
  'description',
  'areas_of_activity',
  'street_address',
  'postal_code',
  'locality',
  'territory_code',
  'website',
  'email',
  'phone',
  'founded_on',
  'created_at',
  'updated_at',
  'source',
];
export const IDENTIFIER_COLUMNS = ['id', 'organisation_id', 'scheme', 'value'];

/** Sink indexes of the organisations phase. */
export const ORG = 0;
export const ORG_IDENTIFIER = 1;

function publicOrganisation(random: Random, gmina: Gmina, officeTaken: boolean): Named & { form: string } {
  if (!officeTaken) return { name: officeName(gmina), shortName: null, form: 'JEDNOSTKA_SAMORZADU_TERYTORIALNEGO' };
  const roll = random.int(100);
  if (roll < 3 && gmina.weight >= 45) {
    const inPlace = locative(gmina.name);
    const name = inPlace
      ? `Akademia Nauk Stosowanych w ${inPlace}`
      : `Wyższa Szkoła Społeczno-Ekonomiczna ${gmina.name}`;
    return { name, shortName: null, form: 'UNIVERSITY' };
  }
  if (roll < 40) {
    return {
      name: `Szkoła Podstawowa nr ${1 + random.int(12)} im. ${random.pick(PATRONS)}`,
      shortName: null,
      form: 'PUBLIC_INSTITUTION',
    };
  }
  return { name: random.pick(INSTITUTIONS), shortName: null, form: 'PUBLIC_INSTITUTION' };
}

function businessName(random: Random, gmina: Gmina): Named & { form: string } {
  if (random.chance(0.55)) {
    const a = random.pick(COMPANY_WORDS);
    let b = random.pick(COMPANY_WORDS);
    if (b === a) b = 'Pol';
    const place = random.chance(0.3) ? ` ${gmina.name}` : '';
    return {
      name: `${a}${b.toLowerCase()}${place} ${random.pick(COMPANY_SUFFIXES)}`,
      shortName: null,
      form: 'COMPANY',
    };
  }
  return { name: `${random.pick(TRADES)} ${personName(random)}`, shortName: null, form: 'SOLE_TRADER' };
}

/** Which registers an organisation of this form appears in (KRS only for forms the court registers). */
function schemesOf(random: Random, form: string): ('KRS' | 'NIP' | 'REGON')[] {
  switch (form) {
    case 'STOWARZYSZENIE':
    case 'FUNDACJA':
    case 'SPOLDZIELNIA_SOCJALNA':
    case 'COMPANY':
      return random.chance(0.9) ? ['KRS', 'NIP', 'REGON'] : ['KRS', 'REGON'];
    case 'INFORMAL_GROUP':
      return [];
    case 'KOLO_GOSPODYN_WIEJSKICH':
    case 'UCZNIOWSKI_KLUB_SPORTOWY':
    case 'STOWARZYSZENIE_ZWYKLE':
      return random.chance(0.75) ? ['NIP', 'REGON'] : ['REGON'];
    default:
      return ['NIP', 'REGON'];
  }
}

const IMPORTED_AT = Date.UTC(2026, 0, 1);

/** A deterministic creation time: the import instant plus one second per row, so "newest first" has an order. */
export function importedAt(i: number): string {
  return new Date(IMPORTED_AT + i * 1000).toISOString();
}

/** Rows of organisations.organisation (sink ORG) and organisation_identifier (sink ORG_IDENTIFIER). */
export function* organisationRows(world: World): Generator<[number, string]> {
  const random = new Random(world.seed, STREAM.organisations);
  const { geo, orgGmina, orgSector, orgIds } = world;
  const officeTaken = new Uint8Array(geo.gminas.length);
  const day1990 = dayNumber(1990, 1, 1);
  for (let i = 0; i < orgIds.length; i++) {
    const gmina = geo.gminas[orgGmina[i]!]!;
    const sector = orgSector[i]!;
    let named: Named;
    let form: string;
    if (sector === NGO) {
      form = weighted(random, NGO_FORMS);
      // Rural housewives' circles are a village institution: in towns the seat is an association.
      if (form === 'KOLO_GOSPODYN_WIEJSKICH' && gmina.kind.startsWith('gmina miejska')) form = 'STOWARZYSZENIE';
      named = ngoName(random, form, gmina);
    } else if (sector === BUSINESS) {
      ({ form, ...named } = businessName(random, gmina));
    } else {
      ({ form, ...named } = publicOrganisation(random, gmina, officeTaken[orgGmina[i]!] === 1));
      if (form === 'JEDNOSTKA_SAMORZADU_TERYTORIALNEGO') officeTaken[orgGmina[i]!] = 1;
    }
    const registered = form === 'STOWARZYSZENIE' || form === 'FUNDACJA';
    const publicBenefit = registered && random.chance(0.1);
    const areas: string[] = [];
    const areaCount = sector === NGO ? 1 + random.int(3) : random.int(2);
    for (let k = 0; k < areaCount; k++) {
      const a = random.pick(AREAS);
      if (!areas.includes(a)) areas.push(a);
    }
    const description =
      sector === NGO && random.chance(0.3)
        ? `Organizacja działa na rzecz mieszkańców gminy ${gmina.name}${areas.length ? `, w obszarach: ${areas.join(', ')}` : ''}.`
        : null;
    const street = random.chance(0.85) ? `ul. ${random.pick(STREETS)} ${1 + random.int(120)}` : null;
    const hasWeb = random.chance(sector === NGO ? 0.35 : 0.7);
    const host = `${slug(named.shortName ?? named.name).slice(0, 40)}-${i.toString(36)}`;
    const website = hasWeb ? `https://www.${host}.pl` : null;
    const email = random.chance(0.6) ? `kontakt@${host}.pl` : null;
    const phone = random.chance(0.5)
      ? `+48 ${String(12 + random.int(87))} ${String(100 + random.int(900))} ${String(10 + random.int(90))} ${String(10 + random.int(90))}`
      : null;
    const foundedOn =
      form === 'INFORMAL_GROUP' || random.chance(0.1)
        ? null
        : isoDay(day1990 + random.int(sector === NGO ? 12_775 : 9_000));
    const created = importedAt(i);
    yield [
      ORG,
      [
        orgIds[i],
        text(named.name),
        text(named.shortName),
        SECTORS[sector],
        form,
        publicBenefit ? 't' : 'f',
        text(description),
        textArray(areas),
        text(street),
        gmina.postalCode,
        text(gmina.name),
        gmina.code,
        text(website),
        text(email),
        text(phone),
        foundedOn ?? NULL,
        created,
        created,
        'SYNTHETIC',
      ].join('\t'),
    ];
    const office = random.int(400);
    for (const scheme of schemesOf(random, form)) {
      const value =
        scheme === 'KRS'
          ? syntheticKrs(i)
          : scheme === 'NIP'
            ? syntheticNip(i, office)
            : syntheticRegon(i, gmina.code.slice(0, 2));
      yield [ORG_IDENTIFIER, `${stableUuid(`national:org:${i}:${scheme}`)}\t${orgIds[i]}\t${scheme}\t${value}`];
    }
  }
}
