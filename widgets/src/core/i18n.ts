/** Languages the widgets speak: Polish by default, English on request (`lang="en"`). */
export type Lang = 'pl' | 'en';

export function parseLang(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'pl';
}

const pl = {
  loading: 'Wczytywanie…',
  errorNetwork: 'Nie udało się połączyć z bazą organizacji. Spróbuj ponownie za chwilę.',
  errorApi: 'Baza organizacji nie mogła odpowiedzieć na to pytanie. Spróbuj ponownie za chwilę.',
  retry: 'Spróbuj ponownie',
  previous: 'Poprzednia strona',
  next: 'Następna strona',
  page: 'Strona {n}',
  search: 'Szukaj',
  searchOrganisations: 'Szukaj organizacji',
  searchPlaceholder: 'np. fundacja, Białystok',
  organisationsFound: 'Znalezione organizacje: {n}',
  noOrganisations: 'Nie znaleziono organizacji pasujących do wyszukiwania.',
  directory: 'Baza organizacji',
  calendar: 'Kalendarz wydarzeń',
  eventsFound: 'Wydarzenia: {n}',
  noEvents: 'Brak wydarzeń do pokazania.',
  kind: 'Rodzaj wydarzenia',
  allKinds: 'Wszystkie rodzaje',
  cancelled: 'Odwołane',
  dateUnknown: 'Termin do ustalenia',
  calls: 'Konkursy i nabory',
  openCalls: 'Otwarte nabory: {n}',
  noOpenCalls: 'Obecnie nie ma otwartych naborów.',
  otherCalls: 'Zakończone i zapowiedziane nabory',
  showOtherCalls: 'Pokaż zakończone i zapowiedziane nabory',
  noOtherCalls: 'Brak innych naborów.',
  deadline: 'Termin składania ofert: {date}',
  daysLeft: 'zostało dni: {n}',
  lastDay: 'ostatni dzień',
  noDeadline: 'Nabór ciągły, bez terminu',
  opens: 'Otwarcie naboru: {date}',
  budget: 'Budżet: {amount}',
  funder: 'Ogłaszający: {name}',
  details: 'Szczegóły',
  organisation: 'Organizacja',
  notFound: 'Nie znaleziono tej organizacji.',
  legalForm: 'Forma prawna',
  sector: 'Sektor',
  address: 'Adres',
  website: 'Strona internetowa',
  territory: 'Gmina',
  upcomingEvents: 'Nadchodzące wydarzenia',
  noUpcomingEvents: 'Brak zapowiedzianych wydarzeń.',
  publicBenefit: 'Organizacja pożytku publicznego (OPP)',
  missingId: 'Brak atrybutu organisation-id.',
  // The pictures
  pictureError: 'Nie udało się wczytać danych.',
  showTable: 'Pokaż tabelę',
  cooperationTitle: 'Współpraca między jednostkami',
  cooperationEmpty: 'Brak powiązań między jednostkami w tym obszarze.',
  cooperationHint: 'Wybierz komórkę (strzałki na klawiaturze), aby zobaczyć liczby.',
  matrixLabel: 'Macierz powiązań: kolor komórki oznacza siłę współpracy dwóch jednostek',
  legend: 'Legenda',
  noTie: 'brak',
  unit: 'Jednostka',
  otherUnit: 'Druga jednostka',
  partnerships: 'Partnerstwa',
  grants: 'Dotacje',
  events: 'Wydarzenia',
  total: 'Razem',
  measureTotal: 'liczba wspólnych partnerstw, dotacji i wydarzeń',
  measurePartnerships: 'liczba wspólnych partnerstw',
  measureGrants: 'liczba wspólnych dotacji',
  measureEvents: 'liczba wspólnych wydarzeń',
  hiddenUnits: 'Pominięto {n} słabiej powiązanych jednostek (są w tabeli).',
  tieSummary: '{a} – {b}: partnerstwa {p}, dotacje {g}, wydarzenia {e}',
  flowsTitle: 'Przepływy finansowe',
  flowsEmpty: 'Brak dotacji dla odbiorców z tego obszaru.',
  flowsHint: 'Wybierz wiersz (strzałki na klawiaturze), aby zobaczyć kwoty.',
  chartLabel: 'Kwoty dotacji według jednostki odbiorcy ({currency})',
  recipientUnit: 'Jednostka odbiorcy',
  grantFunder: 'Grantodawca',
  programme: 'Program',
  year: 'Rok',
  amount: 'Kwota',
  grantsCount: 'Liczba dotacji',
  noUnit: 'Siedziba powyżej poziomu',
  noFunder: 'Nieznany grantodawca',
  noProgramme: 'Bez programu',
  noYear: 'Rok nieznany',
  others: 'Pozostałe',
  whole: 'Wszystkie dotacje',
  withoutAmount: 'Dotacje bez znanej kwoty: {n}.',
};

const en: typeof pl = {
  loading: 'Loading…',
  errorNetwork: 'Could not reach the organisations hub. Please try again in a moment.',
  errorApi: 'The organisations hub could not answer this request. Please try again in a moment.',
  retry: 'Try again',
  previous: 'Previous page',
  next: 'Next page',
  page: 'Page {n}',
  search: 'Search',
  searchOrganisations: 'Search organisations',
  searchPlaceholder: 'e.g. foundation, Białystok',
  organisationsFound: 'Organisations found: {n}',
  noOrganisations: 'No organisations match the search.',
  directory: 'Organisation directory',
  calendar: 'Events calendar',
  eventsFound: 'Events: {n}',
  noEvents: 'No events to show.',
  kind: 'Kind of event',
  allKinds: 'All kinds',
  cancelled: 'Cancelled',
  dateUnknown: 'Date to be announced',
  calls: 'Calls for proposals',
  openCalls: 'Open calls: {n}',
  noOpenCalls: 'No calls are open at the moment.',
  otherCalls: 'Closed and upcoming calls',
  showOtherCalls: 'Show closed and upcoming calls',
  noOtherCalls: 'No other calls.',
  deadline: 'Deadline: {date}',
  daysLeft: '{n} days left',
  lastDay: 'last day',
  noDeadline: 'Rolling call, no deadline',
  opens: 'Opens: {date}',
  budget: 'Budget: {amount}',
  funder: 'Announced by: {name}',
  details: 'Details',
  organisation: 'Organisation',
  notFound: 'This organisation was not found.',
  legalForm: 'Legal form',
  sector: 'Sector',
  address: 'Address',
  website: 'Website',
  territory: 'Municipality',
  upcomingEvents: 'Upcoming events',
  noUpcomingEvents: 'No events announced.',
  publicBenefit: 'Public-benefit organisation (OPP)',
  missingId: 'The organisation-id attribute is missing.',
  pictureError: 'The data could not be loaded.',
  showTable: 'Show table',
  cooperationTitle: 'Cooperation between units',
  cooperationEmpty: 'No ties between units in this area.',
  cooperationHint: 'Select a cell (arrow keys) to see the numbers.',
  matrixLabel: 'Matrix of ties: the colour of a cell shows how strongly two units cooperate',
  legend: 'Legend',
  noTie: 'none',
  unit: 'Unit',
  otherUnit: 'Other unit',
  partnerships: 'Partnerships',
  grants: 'Grants',
  events: 'Events',
  total: 'Total',
  measureTotal: 'shared partnerships, grants and events',
  measurePartnerships: 'shared partnerships',
  measureGrants: 'shared grants',
  measureEvents: 'shared events',
  hiddenUnits: '{n} less connected units are left out (they are in the table).',
  tieSummary: '{a} – {b}: {p} partnerships, {g} grants, {e} events',
  flowsTitle: 'Funding flows',
  flowsEmpty: 'No grants to recipients in this area.',
  flowsHint: 'Select a row (arrow keys) to see the amounts.',
  chartLabel: "Grant amounts by the recipient's unit ({currency})",
  recipientUnit: "Recipient's unit",
  grantFunder: 'Funder',
  programme: 'Programme',
  year: 'Year',
  amount: 'Amount',
  grantsCount: 'Grants',
  noUnit: 'Seated above the level',
  noFunder: 'Unknown funder',
  noProgramme: 'No programme',
  noYear: 'Year unknown',
  others: 'Others',
  whole: 'All grants',
  withoutAmount: 'Grants without a known amount: {n}.',
};

export type MessageKey = keyof typeof pl;
const MESSAGES: Record<Lang, typeof pl> = { pl, en };

/** A widget string in `lang`, `{name}` placeholders filled from `params`. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

const LOCALES: Record<Lang, string> = { pl: 'pl-PL', en: 'en-GB' };

/** An instant as a Warsaw wall-clock date (and time unless `dateOnly`), e.g. "12 maja 2026, 10:00". */
export function formatInstant(iso: string, lang: Lang, dateOnly = false): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'Europe/Warsaw',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(dateOnly ? {} : { hour: '2-digit', minute: '2-digit' }),
  }).format(new Date(iso));
}

/** An instant's month in Warsaw, for events whose day is not published yet. */
export function formatMonth(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'Europe/Warsaw', month: 'long', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** A calendar date (`LocalDate`, "2026-05-12") as written in `lang`; no time zone shifts a plain date. */
export function formatLocalDate(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** Today's date in Warsaw as `YYYY-MM-DD` (calls open and close by Warsaw days). */
export function warsawToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
}

/**
 * An amount of money in `lang`: exact ("1 234,50 zł", "PLN 1,234.50"), `whole` units, or `compact` for axis
 * ticks ("1,2 mln zł"). An unknown currency code shows as "1234,50 XYZ" rather than failing the widget.
 */
export function formatMoney(
  value: number,
  currency: string,
  lang: Lang,
  style: 'exact' | 'whole' | 'compact' = 'exact',
): string {
  const digits =
    style === 'whole' ? { maximumFractionDigits: 0 } : style === 'compact' ? { maximumFractionDigits: 1 } : {};
  try {
    return new Intl.NumberFormat(LOCALES[lang], {
      style: 'currency',
      currency,
      ...(style === 'compact' ? { notation: 'compact' } : {}),
      ...digits,
    }).format(value);
  } catch {
    const plain = style === 'whole' ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 2 };
    return `${new Intl.NumberFormat(LOCALES[lang], plain).format(value)} ${currency}`;
  }
}

export function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(n);
}
