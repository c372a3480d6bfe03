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

export function formatMoney(amount: string, currency: string, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    Number(amount),
  );
}

export function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(n);
}
