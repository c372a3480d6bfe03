/**
 * Word lists for Polish names. Phrases are stored already declined (genitive after "Fundacja",
 * "Stowarzyszenie", ...) so names are grammatical without a morphology engine; place names come
 * from the TERC register and are used in the nominative, or in the locative where `locative`
 * knows the ending.
 */

export const MOTTOS = [
  'Razem',
  'Nadzieja',
  'Tęcza',
  'Źródło',
  'Pod Dębem',
  'Słoneczko',
  'Żurawie',
  'Przystań',
  'Horyzont',
  'Wspólna Sprawa',
  'Otwarte Drzwi',
  'Krok Dalej',
  'Iskra',
  'Dobry Start',
  'Nasza Wieś',
  'Zielony Zakątek',
  'Pomocna Dłoń',
  'Światełko',
  'Kłos',
  'Bociany',
  'Jarzębina',
  'Malwa',
  'Wrzos',
  'Kalina',
  'Promyk',
  'Ostoja',
  'Ścieżka',
  'Pasja',
  'Więź',
  'Korzenie',
  'Dąbrowa',
  'Gościniec',
  'Łąka',
  'Złoty Kłos',
  'Niezapominajka',
  'Przyjazny Dom',
  'Mosty',
  'Żagiel',
  'Skrzydła',
  'Sąsiedzi',
  'Wiatrak',
  'Źródełko',
  'Na Fali',
  'Pełnia',
  'Latarnia',
  'Bez Granic',
  'Po Sąsiedzku',
  'Kwitnąca Gmina',
  'Zaułek',
  'Ogniwo',
];

export const KGW_NAMES = [
  'Jarzębina',
  'Kalina',
  'Malwy',
  'Babeczki',
  'Złote Kłosy',
  'Gospodynie z Pasją',
  'Wrzos',
  'Stokrotki',
  'Niezapominajki',
  'Polne Kwiaty',
  'Kaczeńce',
  'Wesołe Gospodynie',
  'Słoneczniki',
  'Róża',
  'Jutrzenka',
  'Pszczółki',
  'Bławatki',
  'Czerwone Korale',
  'Kłosowianki',
  'Maki',
];

export const CLUB_NAMES = [
  'Orlik',
  'Olimp',
  'Żak',
  'Sokół',
  'Orzeł',
  'Jedynka',
  'Dwójka',
  'Tygrysy',
  'Iskra',
  'Start',
  'Błyskawica',
  'Kometa',
  'Junior',
  'Delfin',
  'Żbik',
  'Lwy',
  'Spartakus',
  'Płomień',
  'Grom',
  'Huragan',
  'Kormoran',
  'Ślizgowiec',
];

export const ASSOCIATION_PURPOSES = [
  'na Rzecz Rozwoju Wsi',
  'Przyjaciół Dzieci',
  'Miłośników Ziemi Rodzinnej',
  'Inicjatyw Lokalnych',
  'Aktywnych Kobiet',
  'Rodziców Dzieci Niepełnosprawnych',
  'Pomocy Osobom Starszym',
  'Twórców Kultury Ludowej',
  'Rozwoju Przedsiębiorczości',
  'Przyjaciół Szkoły',
  'Miłośników Historii Regionu',
  'na Rzecz Osób z Niepełnosprawnościami',
  'Ekologiczne „Zielona Dolina”',
  'Młodzieżowe',
  'Emerytów i Rencistów',
  'Wędkarskie',
  'Kulturalno-Oświatowe',
  'na Rzecz Edukacji Dzieci i Młodzieży',
  'Uniwersytet Trzeciego Wieku',
  'Kół Łowieckich',
  'Pszczelarzy',
  'Amazonek',
  'Krwiodawców',
  'Przyjaciół Zwierząt',
  'Współpracy Polsko-Niemieckiej',
  'Odnowy Zabytków',
  'Turystyki Rowerowej',
  'Sympatyków Gier Planszowych',
  'Wolontariuszy',
  'Wspierania Aktywności Obywatelskiej',
];

export const FOUNDATION_PURPOSES = [
  'Rozwoju Edukacji',
  'Pomocy Dzieciom',
  'Wspierania Inicjatyw Obywatelskich',
  'Ochrony Przyrody',
  'na Rzecz Zdrowia Psychicznego',
  'Dziedzictwa Kulturowego',
  'Rozwoju Obszarów Wiejskich',
  'Pomocy Bezdomnym Zwierzętom',
  'Aktywizacji Zawodowej',
  'Wspierania Rodzin',
  'Edukacji Ekologicznej',
  'Rozwoju Sportu',
  'Przeciwdziałania Wykluczeniu',
  'Pomocy Seniorom',
  'Innowacji Społecznych',
  'Rozwoju Przedsiębiorczości Społecznej',
  'Wspierania Talentów',
  'Kultury Żydowskiej',
  'Integracji Cudzoziemców',
  'Cyfrowej Edukacji',
];

export const PATRONS = [
  'Jana Pawła II',
  'Marii Skłodowskiej-Curie',
  'Janusza Korczaka',
  'Ireny Sendlerowej',
  'Stanisława Moniuszki',
  'Józefa Piłsudskiego',
  'Władysława Reymonta',
  'Elizy Orzeszkowej',
  'Tadeusza Kościuszki',
  'Kazimierza Wielkiego',
  'Fryderyka Chopina',
  'Marii Konopnickiej',
  'Henryka Sienkiewicza',
  'Jana Kochanowskiego',
  'Wisławy Szymborskiej',
];

export const SAINTS = [
  'św. Stanisława Biskupa',
  'Najświętszej Maryi Panny',
  'św. Józefa',
  'św. Jana Chrzciciela',
  'Wszystkich Świętych',
  'św. Michała Archanioła',
  'Świętej Trójcy',
  'św. Wojciecha',
  'Matki Bożej Częstochowskiej',
  'św. Mikołaja',
  'Podwyższenia Krzyża Świętego',
];

export const INSTITUTIONS = [
  'Gminny Ośrodek Pomocy Społecznej',
  'Gminny Ośrodek Kultury',
  'Gminna Biblioteka Publiczna',
  'Miejski Ośrodek Sportu i Rekreacji',
  'Zespół Szkolno-Przedszkolny',
  'Środowiskowy Dom Samopomocy',
  'Powiatowe Centrum Pomocy Rodzinie',
  'Miejska Biblioteka Publiczna',
  'Centrum Usług Społecznych',
  'Dom Kultury',
  'Przedszkole Samorządowe',
  'Warsztaty Terapii Zajęciowej',
  'Młodzieżowy Dom Kultury',
  'Powiatowy Urząd Pracy',
  'Ośrodek Interwencji Kryzysowej',
];

export const COMPANY_WORDS = [
  'Agro',
  'Bud',
  'Eko',
  'Tech',
  'Trans',
  'Med',
  'Pol',
  'Inwest',
  'Serwis',
  'Market',
  'Drew',
  'Stal',
  'Net',
  'Konsult',
  'Druk',
  'Geo',
  'Lux',
  'Mar',
  'Prim',
  'Sad',
];
export const COMPANY_SUFFIXES = [
  'sp. z o.o.',
  'sp. z o.o.',
  'sp. z o.o.',
  'S.A.',
  'sp.j.',
  'sp. k.',
  'sp. z o.o. sp. k.',
];
export const TRADES = [
  'Usługi Remontowo-Budowlane',
  'Piekarnia',
  'Zakład Stolarski',
  'Gospodarstwo Agroturystyczne',
  'Biuro Rachunkowe',
  'Sklep Spożywczy',
  'Pracownia Krawiecka',
  'Usługi Transportowe',
  'Studio Fotograficzne',
  'Kwiaciarnia',
  'Zakład Fryzjerski',
  'Pracownia Ceramiki',
  'Szkoła Językowa',
  'Catering',
];
export const FIRST_NAMES = [
  'Anna',
  'Maria',
  'Katarzyna',
  'Małgorzata',
  'Agnieszka',
  'Barbara',
  'Ewa',
  'Krystyna',
  'Elżbieta',
  'Zofia',
  'Jan',
  'Andrzej',
  'Piotr',
  'Krzysztof',
  'Stanisław',
  'Tomasz',
  'Paweł',
  'Józef',
  'Marcin',
  'Łukasz',
  'Michał',
  'Grzegorz',
];
export const SURNAMES = [
  'Nowak',
  'Kowalczyk',
  'Wiśniewski',
  'Wójcik',
  'Kamiński',
  'Lewandowski',
  'Zieliński',
  'Szymański',
  'Woźniak',
  'Dąbrowski',
  'Kozłowski',
  'Jankowski',
  'Mazur',
  'Kwiatkowski',
  'Krawczyk',
  'Piotrowski',
  'Grabowski',
  'Nowakowski',
  'Pawłowski',
  'Michalski',
  'Król',
  'Wieczorek',
  'Jabłoński',
  'Wróbel',
  'Majewski',
  'Olszewski',
  'Stępień',
  'Jaworski',
  'Malinowski',
  'Górski',
];

export const STREETS = [
  'Kościuszki',
  'Mickiewicza',
  'Szkolna',
  'Kościelna',
  'Polna',
  'Leśna',
  'Słoneczna',
  'Ogrodowa',
  'Lipowa',
  'Długa',
  'Krótka',
  '3 Maja',
  'Piłsudskiego',
  'Sienkiewicza',
  'Żeromskiego',
  'Kwiatowa',
  'Łąkowa',
  'Spokojna',
  'Wiejska',
  'Ludowa',
  'Źródlana',
  'Świętokrzyska',
  'Zielona',
  'Parkowa',
  'Młyńska',
  'Kolejowa',
  'Strażacka',
  'Sportowa',
  'Wąska',
  'Akacjowa',
];

export const AREAS = [
  'edukacja',
  'kultura i sztuka',
  'sport i rekreacja',
  'pomoc społeczna',
  'ochrona zdrowia',
  'ekologia',
  'rozwój społeczności lokalnych',
  'turystyka',
  'przeciwdziałanie wykluczeniu',
  'działalność na rzecz seniorów',
  'działalność na rzecz dzieci i młodzieży',
  'wspieranie organizacji pozarządowych',
  'dziedzictwo kulturowe',
  'rynek pracy',
  'bezpieczeństwo i ratownictwo',
  'ochrona zwierząt',
  'prawa człowieka',
  'integracja europejska',
  'wolontariat',
  'osoby z niepełnosprawnościami',
];

export const THEMES = [
  'rozwój lokalny',
  'edukacja',
  'kultura',
  'seniorzy',
  'młodzież',
  'ekonomia społeczna',
  'ekologia',
  'turystyka',
  'rynek pracy',
  'integracja społeczna',
  'zdrowie',
  'sport',
  'dziedzictwo',
  'rewitalizacja',
  'partycypacja obywatelska',
];

export const AUDIENCES = [
  'mieszkańcy gminy',
  'seniorzy',
  'dzieci i młodzież',
  'rodziny z dziećmi',
  'organizacje pozarządowe',
  'osoby z niepełnosprawnościami',
  'nauczyciele',
  'przedsiębiorcy',
  'wolontariusze',
  'rolnicy',
  'kobiety',
  'liderzy lokalni',
];

export const VENUES = [
  'Gminny Ośrodek Kultury',
  'Świetlica wiejska',
  'Remiza OSP',
  'Sala konferencyjna Urzędu Gminy',
  'Biblioteka Publiczna',
  'Szkoła Podstawowa',
  'Hala sportowa',
  'Boisko Orlik',
  'Park miejski',
  'Rynek',
  'Dom Kultury',
  'Centrum Aktywności Lokalnej',
];

export const WORKSHOP_TOPICS = [
  'rękodzieła ludowego',
  'pisania wniosków grantowych',
  'fotograficzne',
  'udzielania pierwszej pomocy',
  'kulinarne dla seniorów',
  'robotyki dla dzieci',
  'decoupage',
  'teatralne',
  'wikliniarskie',
  'bezpieczeństwa w sieci',
  'garncarskie',
  'zielarskie',
  'komunikacji społecznej',
  'animacji czasu wolnego',
];
export const TRAINING_TOPICS = [
  'RODO w organizacji pozarządowej',
  'księgowość stowarzyszenia',
  'zlecanie zadań publicznych',
  'fundraising dla początkujących',
  'ekonomia społeczna w praktyce',
  'zarządzanie wolontariuszami',
  'sprawozdawczość finansowa organizacji',
  'pozyskiwanie funduszy europejskich',
  'ustawa o działalności pożytku publicznego',
  'partnerstwo lokalne',
  'promocja organizacji w mediach społecznościowych',
];
export const CONFERENCE_TOPICS = [
  'Współpraca samorządu z organizacjami pozarządowymi',
  'Ekonomia społeczna w regionie',
  'Przyszłość obszarów wiejskich',
  'Dziedzictwo kulturowe regionu',
  'Aktywni seniorzy',
  'Młodzież w życiu publicznym',
  'Partnerstwa lokalne – doświadczenia i wyzwania',
  'Klimat i energia w gminie',
];
export const MEETING_GROUPS = [
  'członków stowarzyszenia',
  'Rady Działalności Pożytku Publicznego',
  'liderów lokalnych',
  'koordynatorów wolontariatu',
  'zespołu konsultacyjnego',
  'partnerów projektu',
  'sieci organizacji pozarządowych',
  'sołtysów i rad sołeckich',
];
export const CULTURAL_TITLES = [
  'Koncert muzyki ludowej',
  'Wieczór poezji',
  'Wystawa fotografii',
  'Przegląd zespołów folklorystycznych',
  'Noc Bibliotek',
  'Koncert kolęd',
  'Spektakl teatru amatorskiego',
  'Jarmark bożonarodzeniowy',
  'Wystawa rękodzieła',
  'Kino plenerowe',
];
export const SPORTS_TITLES = [
  'Turniej piłki nożnej o Puchar Wójta',
  'Bieg Niepodległości',
  'Rajd rowerowy',
  'Turniej tenisa stołowego',
  'Spływ kajakowy',
  'Rodzinny bieg przełajowy',
  'Turniej siatkówki plażowej',
  'Marsz nordic walking',
  'Zawody pożarnicze',
];
export const FESTIVAL_TITLES = [
  'Festyn rodzinny',
  'Dożynki gminne',
  'Dni Gminy',
  'Piknik sąsiedzki',
  'Święto Pieczonego Ziemniaka',
  'Festiwal Smaków Regionu',
  'Jarmark Wielkanocny',
  'Noc Świętojańska',
];
export const STUDY_VISIT_PLACES = [
  'do Lokalnej Grupy Działania',
  'do spółdzielni socjalnej',
  'w wiosce tematycznej',
  'w centrum organizacji pozarządowych',
  'u partnerów z Niemiec',
  'w ekomuzeum',
  'w inkubatorze przedsiębiorczości społecznej',
];
export const FORUM_TITLES = [
  'Forum Organizacji Pozarządowych',
  'Forum Seniorów',
  'Forum Młodzieży',
  'Forum Sołtysów',
  'Forum Inicjatyw Lokalnych',
  'Forum Ekonomii Społecznej',
];
export const OTHER_TITLES = [
  'Akcja sprzątania świata',
  'Zbiórka żywności',
  'Dzień otwarty organizacji',
  'Kiermasz charytatywny',
  'Honorowa zbiórka krwi',
  'Sadzenie drzew',
  'Akcja „Paczka dla seniora”',
];

export const GRANT_TASKS = [
  'Aktywni seniorzy',
  'Bezpieczne wakacje',
  'Akademia młodego lidera',
  'Poznaj swoją okolicę',
  'Zdrowy styl życia',
  'Kultura bez barier',
  'Sport dla wszystkich',
  'Edukacja ekologiczna dzieci',
  'Razem przeciw wykluczeniu',
  'Wsparcie rodzin w kryzysie',
  'Dziedzictwo naszej wsi',
  'Cyfrowy senior',
  'Wolontariat łączy pokolenia',
  'Rozwój klubu sportowego',
  'Szkoła liderów społecznych',
  'Ochrona bioróżnorodności',
  'Aktywizacja zawodowa kobiet',
  'Integracja osób z niepełnosprawnościami',
  'Teatr w każdej wsi',
  'Zielona gmina',
  'Historia mówiona regionu',
  'Klub młodzieżowy',
  'Poradnictwo obywatelskie',
  'Festiwal tradycji',
];

const ENDINGS: [string, string][] = [
  ['owo', 'owie'],
  ['ewo', 'ewie'],
  ['ów', 'owie'],
  ['ice', 'icach'],
  ['yce', 'ycach'],
  ['ce', 'cach'],
  ['in', 'inie'],
  ['sk', 'sku'],
  ['ck', 'cku'],
  ['ń', 'niu'],
  ['czno', 'cznie'],
  ['sko', 'sku'],
  ['cko', 'cku'],
  ['ki', 'kach'],
  ['wy', 'wach'],
];

/**
 * The locative ("w …") of a one-word place name, for the endings whose rule has no common
 * exception; null otherwise, and callers then choose a form without the place.
 */
export function locative(place: string): string | null {
  if (!/^[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+$/.test(place)) return null;
  for (const [ending, replacement] of ENDINGS) {
    if (place.endsWith(ending)) return place.slice(0, -ending.length) + replacement;
  }
  return null;
}

/** Genitive of an adjectival name (powiat "bolesławiecki" → "Bolesławieckiego", "Kujawsko-Pomorskie" → "Kujawsko-Pomorskiego"). */
export function adjectiveGenitive(name: string): string | null {
  const out: string[] = [];
  for (const word of name.split(' ')) {
    const lower = word.toLowerCase();
    let genitive: string;
    if (lower.endsWith('ie')) genitive = `${lower.slice(0, -1)}ego`;
    else if (lower.endsWith('i')) genitive = `${lower}ego`;
    else if (lower.endsWith('y')) genitive = `${lower.slice(0, -1)}ego`;
    else return null;
    out.push(genitive.split('-').map(capitalise).join('-'));
  }
  return out.join(' ');
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** "MAZOWIECKIE" → "Mazowieckie", "KUJAWSKO-POMORSKIE" → "Kujawsko-Pomorskie". */
export function titleCase(name: string): string {
  return name.toLowerCase().split('-').map(capitalise).join('-');
}

const ASCII: Record<string, string> = { ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z' };

/** A web-address slug: lower case, Polish letters folded to ASCII, other characters to dashes. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ąćęłńóśźż]/g, (c) => ASCII[c]!)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
