/**
 * Polish and English words for the values of every enum a portal or a mail shows, so every front end
 * (widgets, portals, feeds, notices) says the same thing. Served by `Query.labels`; a test keeps it in
 * step with the public schema (every value of every labelled enum, in schema order). Polish follows
 * the usage of NGOs and offices (the Act on public benefit activity, the KRS, TERYT); labels are
 * lower case, as they read inside a sentence or after a colon.
 */

export type Language = 'PL' | 'EN';

export interface Label {
  pl: string;
  en: string;
}

const l = (pl: string, en: string): Label => ({ pl, en });

export const ENUM_LABELS = {
  Sector: {
    PUBLIC: l('sektor publiczny', 'public sector'),
    NGO: l('sektor pozarządowy', 'non-governmental sector'),
    BUSINESS: l('sektor prywatny (biznes)', 'business sector'),
  },
  LegalForm: {
    STOWARZYSZENIE: l('stowarzyszenie', 'association'),
    STOWARZYSZENIE_ZWYKLE: l('stowarzyszenie zwykłe', 'ordinary association'),
    FUNDACJA: l('fundacja', 'foundation'),
    KOLO_GOSPODYN_WIEJSKICH: l('koło gospodyń wiejskich', "rural housewives' circle"),
    SPOLDZIELNIA_SOCJALNA: l('spółdzielnia socjalna', 'social cooperative'),
    UCZNIOWSKI_KLUB_SPORTOWY: l('uczniowski klub sportowy', "pupils' sports club"),
    KOSCIELNA_OSOBA_PRAWNA: l('kościelna osoba prawna', 'church legal person'),
    JEDNOSTKA_SAMORZADU_TERYTORIALNEGO: l('jednostka samorządu terytorialnego', 'local government unit'),
    PUBLIC_INSTITUTION: l('instytucja publiczna', 'public institution'),
    UNIVERSITY: l('uczelnia', 'university'),
    COMPANY: l('spółka', 'company'),
    SOLE_TRADER: l('jednoosobowa działalność gospodarcza', 'sole trader'),
    FOREIGN_ORGANISATION: l('organizacja zagraniczna', 'foreign organisation'),
    INFORMAL_GROUP: l('grupa nieformalna', 'informal group'),
    OTHER: l('inna forma prawna', 'other legal form'),
  },
  IdentifierScheme: {
    KRS: l('numer KRS', 'KRS number'),
    NIP: l('NIP', 'tax identification number (NIP)'),
    REGON: l('REGON', 'statistical number (REGON)'),
  },
  EventKind: {
    WORKSHOP: l('warsztaty', 'workshop'),
    TRAINING: l('szkolenie', 'training'),
    CONFERENCE: l('konferencja', 'conference'),
    MEETING: l('spotkanie', 'meeting'),
    CONSULTATION: l('konsultacje', 'consultation'),
    FESTIVAL: l('festyn / festiwal', 'festival'),
    CULTURAL: l('wydarzenie kulturalne', 'cultural event'),
    SPORTS: l('wydarzenie sportowe', 'sports event'),
    STUDY_VISIT: l('wizyta studyjna', 'study visit'),
    FORUM: l('forum', 'forum'),
    OTHER: l('inne wydarzenie', 'other event'),
  },
  EventDatePrecision: {
    TIME: l('znana godzina', 'time known'),
    DAY: l('znany dzień', 'day known'),
    MONTH: l('znany miesiąc', 'month known'),
    UNKNOWN: l('termin jeszcze nieznany', 'date not yet known'),
  },
  EventStatus: {
    CONFIRMED: l('potwierdzone', 'confirmed'),
    TENTATIVE: l('wstępnie zaplanowane', 'tentative'),
    CANCELLED: l('odwołane', 'cancelled'),
  },
  FunderKind: {
    PUBLIC_BUDGET: l('budżet publiczny', 'public budget'),
    EU_FUND: l('fundusz Unii Europejskiej', 'European Union fund'),
    FOREIGN_MECHANISM: l('zagraniczny mechanizm finansowy', 'foreign financial mechanism'),
    FOUNDATION: l('fundacja', 'foundation'),
    COMPANY: l('firma', 'company'),
    OTHER: l('inne źródło', 'other source'),
  },
  FormOfSupport: {
    PUBLIC_TASK_SUPPORT: l('wspieranie wykonania zadania publicznego', 'supporting a public task'),
    PUBLIC_TASK_ENTRUSTMENT: l('powierzenie wykonania zadania publicznego', 'entrusting a public task'),
    GRANT: l('grant', 'grant'),
    REGRANTING: l('regranting', 'regranting'),
    OTHER: l('inna forma wsparcia', 'other form of support'),
  },
  GrantRole: {
    RECIPIENT: l('beneficjent', 'recipient'),
    PARTNER: l('partner projektu', 'project partner'),
  },
  FundingGroup: {
    FUNDER: l('grantodawca', 'funder'),
    PROGRAMME: l('program', 'programme'),
    YEAR: l('rok', 'year'),
    TERRITORY: l('jednostka terytorialna', 'territorial unit'),
  },
  TerritoryLevel: {
    WOJEWODZTWO: l('województwo', 'voivodeship'),
    POWIAT: l('powiat', 'county (powiat)'),
    GMINA: l('gmina', 'municipality (gmina)'),
    GMINA_PART: l('miasto lub obszar wiejski', 'town or rural area'),
    CITY_DISTRICT: l('dzielnica lub delegatura', 'city district'),
  },
  PartnershipStatus: {
    ACTIVE: l('działające', 'active'),
    FORMING: l('w tworzeniu', 'being formed'),
    DISSOLVED: l('rozwiązane', 'dissolved'),
  },
  MembershipRole: {
    LEAD_PARTNER: l('partner wiodący', 'lead partner'),
    COORDINATION_TEAM: l('członek zespołu koordynacyjnego', 'coordination team member'),
    MEMBER: l('partner', 'partner'),
  },
  DeclarationStatus: {
    SUBMITTED: l('złożona', 'submitted'),
    ACCEPTED: l('przyjęta', 'accepted'),
    REJECTED: l('odrzucona', 'rejected'),
    WITHDRAWN: l('wycofana', 'withdrawn'),
  },
  NoticeKind: {
    EVENTS: l('nowe wydarzenia', 'new events'),
    CALLS: l('nowe konkursy', 'new competitions'),
  },
  NoticeFrequency: {
    IMMEDIATE: l('od razu po ogłoszeniu', 'as soon as announced'),
    DAILY: l('raz dziennie (o 7:00)', 'once a day (at 7:00)'),
  },
  Language: {
    PL: l('polski', 'Polish'),
    EN: l('angielski', 'English'),
  },
  RecordSource: {
    SEED_DOCUMENT: l('z dokumentów źródłowych', 'from source documents'),
    SYNTHETIC: l('dane syntetyczne (demonstracyjne)', 'synthetic (demo) data'),
    CONTRIBUTED: l('wprowadzone przez API', 'contributed through the API'),
  },
} as const satisfies Record<string, Record<string, Label>>;

export type LabelledEnum = keyof typeof ENUM_LABELS;

export const LABELLED_ENUMS = Object.keys(ENUM_LABELS) as LabelledEnum[];

export function isLabelledEnum(name: string): name is LabelledEnum {
  return Object.hasOwn(ENUM_LABELS, name);
}

/** The label of one value; an unknown value (a newer API than this vocabulary) reads as itself. */
export function labelOf(enumName: LabelledEnum, value: string, lang: Language = 'PL'): string {
  const labels: Record<string, Label> = ENUM_LABELS[enumName];
  const label = Object.hasOwn(labels, value) ? labels[value] : undefined;
  return label ? label[lang === 'EN' ? 'en' : 'pl'] : value;
}

/** Every value of one enum with its label, in schema order. */
export function enumLabels(enumName: LabelledEnum, lang: Language = 'PL'): { value: string; label: string }[] {
  return Object.entries(ENUM_LABELS[enumName] as Record<string, Label>).map(([value, label]) => ({
    value,
    label: label[lang === 'EN' ? 'en' : 'pl'],
  }));
}
