import type { Random } from './random.js';
import {
  ASSOCIATION_PURPOSES,
  CLUB_NAMES,
  CONFERENCE_TOPICS,
  CULTURAL_TITLES,
  FESTIVAL_TITLES,
  FORUM_TITLES,
  MEETING_GROUPS,
  OTHER_TITLES,
  SPORTS_TITLES,
  STUDY_VISIT_PLACES,
  TRAINING_TOPICS,
  WORKSHOP_TOPICS,
  FIRST_NAMES,
  FOUNDATION_PURPOSES,
  KGW_NAMES,
  MOTTOS,
  PATRONS,
  SAINTS,
  SURNAMES,
  locative,
} from './words.js';

/**
 * Generators of Polish organisation and person names, shared by the national data set (tools) and
 * the demo layer the subgraphs seed.
 */

/** A gmina as the generators need it: TERC code, name, TERC kind ("gmina miejska", ...). */
export interface Place {
  code: string;
  name: string;
  kind: string;
}

/** A generated organisation name. */
export type Named = { name: string; shortName: string | null };

/** Legal forms of NGOs with their weights (how common each is). */
export const NGO_FORMS = [
  ['STOWARZYSZENIE', 40],
  ['FUNDACJA', 22],
  ['KOLO_GOSPODYN_WIEJSKICH', 12],
  ['UCZNIOWSKI_KLUB_SPORTOWY', 9],
  ['STOWARZYSZENIE_ZWYKLE', 7],
  ['KOSCIELNA_OSOBA_PRAWNA', 4],
  ['SPOLDZIELNIA_SOCJALNA', 3],
  ['INFORMAL_GROUP', 3],
] as const;

const quoted = (s: string) => `„${s}”`;
const FEMALE_FIRST = 10; // FIRST_NAMES[0..9] are women's names

/** A Polish first name and surname (a woman's surname in its feminine form). */
export function personName(random: Random): string {
  const f = random.int(FIRST_NAMES.length);
  let surname = random.pick(SURNAMES);
  if (f < FEMALE_FIRST && /(ski|cki|dzki)$/.test(surname)) surname = `${surname.slice(0, -1)}a`;
  return `${FIRST_NAMES[f]} ${surname}`;
}

/** A plausible name of an NGO of legal form `form` seated in `gmina`. */
export function ngoName(random: Random, form: string, gmina: Place): Named {
  const inPlace = locative(gmina.name);
  switch (form) {
    case 'STOWARZYSZENIE': {
      const roll = random.int(10);
      if (roll === 0 && inPlace)
        return { name: `Ochotnicza Straż Pożarna w ${inPlace}`, shortName: `OSP ${gmina.name}` };
      if (roll === 1) return { name: `Klub Sportowy ${random.pick(CLUB_NAMES)} ${gmina.name}`, shortName: null };
      if (roll === 2)
        return {
          name: `Towarzystwo ${random.pick(['Miłośników Historii', 'Przyjaciół Dzieci', 'Kulturalne', 'Gimnastyczne „Sokół”', 'Regionalne'])}`,
          shortName: null,
        };
      const purpose = random.pick(ASSOCIATION_PURPOSES);
      return {
        name: `Stowarzyszenie ${purpose}${random.chance(0.5) ? ` ${quoted(random.pick(MOTTOS))}` : ''}`,
        shortName: null,
      };
    }
    case 'FUNDACJA': {
      const roll = random.int(3);
      if (roll === 0) return { name: `Fundacja ${quoted(random.pick(MOTTOS))}`, shortName: null };
      if (roll === 1) return { name: `Fundacja im. ${random.pick(PATRONS)}`, shortName: null };
      return { name: `Fundacja ${random.pick(FOUNDATION_PURPOSES)}`, shortName: null };
    }
    case 'KOLO_GOSPODYN_WIEJSKICH':
      return inPlace && random.chance(0.6)
        ? { name: `Koło Gospodyń Wiejskich w ${inPlace}`, shortName: `KGW ${gmina.name}` }
        : { name: `Koło Gospodyń Wiejskich ${quoted(random.pick(KGW_NAMES))}`, shortName: null };
    case 'UCZNIOWSKI_KLUB_SPORTOWY': {
      const club = random.pick(CLUB_NAMES);
      return { name: `Uczniowski Klub Sportowy ${quoted(club)} ${gmina.name}`, shortName: `UKS ${club}` };
    }
    case 'STOWARZYSZENIE_ZWYKLE':
      return {
        name: `${random.pick(['Stowarzyszenie Zwykłe', 'Grupa Rekonstrukcji Historycznej', 'Stowarzyszenie Zwykłe Mieszkańców'])} ${quoted(random.pick(MOTTOS))}`,
        shortName: null,
      };
    case 'KOSCIELNA_OSOBA_PRAWNA':
      return random.chance(0.5) && inPlace
        ? { name: `Parafia Rzymskokatolicka pw. ${random.pick(SAINTS)} w ${inPlace}`, shortName: null }
        : { name: `Parafialny Zespół Caritas przy Parafii pw. ${random.pick(SAINTS)}`, shortName: null };
    case 'SPOLDZIELNIA_SOCJALNA':
      return { name: `Spółdzielnia Socjalna ${quoted(random.pick(MOTTOS))}`, shortName: null };
    default:
      return random.chance(0.5)
        ? { name: `Młodzieżowa Rada Gminy ${gmina.name}`, shortName: null }
        : { name: `Grupa Nieformalna ${quoted(random.pick(MOTTOS))}`, shortName: null };
  }
}

/** The name of a gmina's office (urząd), by the kind of gmina. */
export function officeName(gmina: Place): string {
  if (gmina.code === '1465011') return 'Urząd m.st. Warszawy';
  if (gmina.kind.startsWith('gmina miejska')) return `Urząd Miasta ${gmina.name}`;
  if (gmina.kind === 'gmina miejsko-wiejska') return `Urząd Miasta i Gminy ${gmina.name}`;
  return `Urząd Gminy ${gmina.name}`;
}

/** A Polish title of an event of `kind` held in `place` in `year`. */
export function eventTitle(random: Random, kind: string, year: number, place: string): string {
  switch (kind) {
    case 'WORKSHOP':
      return `Warsztaty ${random.pick(WORKSHOP_TOPICS)}`;
    case 'TRAINING':
      return `Szkolenie: ${random.pick(TRAINING_TOPICS)}`;
    case 'CONFERENCE':
      return `Konferencja „${random.pick(CONFERENCE_TOPICS)}”`;
    case 'MEETING':
      return `Spotkanie ${random.pick(MEETING_GROUPS)}`;
    case 'CONSULTATION':
      return `Konsultacje społeczne programu współpracy z organizacjami pozarządowymi na ${year + 1} rok`;
    case 'FESTIVAL':
      return `${random.pick(FESTIVAL_TITLES)} ${place} ${year}`;
    case 'CULTURAL':
      return random.pick(CULTURAL_TITLES);
    case 'SPORTS':
      return `${random.pick(SPORTS_TITLES)} ${year}`;
    case 'STUDY_VISIT':
      return `Wizyta studyjna ${random.pick(STUDY_VISIT_PLACES)}`;
    case 'FORUM':
      return `${random.pick(FORUM_TITLES)} ${year}`;
    default:
      return random.pick(OTHER_TITLES);
  }
}
