/** The pictures' own words, Polish by default and English on `lang="en"`; numbers and money through Intl. */
export type Lang = 'pl' | 'en';

/** `lang` attribute → language: anything starting with "en" is English, the rest Polish. */
export function langOf(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'pl';
}

const LOCALES: Record<Lang, string> = { pl: 'pl-PL', en: 'en-GB' };

export const MESSAGES = {
  pl: {
    loading: 'Wczytywanie…',
    error: 'Nie udało się wczytać danych.',
    retry: 'Spróbuj ponownie',
    showTable: 'Pokaż tabelę',
    showChart: 'Pokaż wykres',
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
    measure: {
      total: 'liczba wspólnych partnerstw, dotacji i wydarzeń',
      partnerships: 'liczba wspólnych partnerstw',
      grants: 'liczba wspólnych dotacji',
      events: 'liczba wspólnych wydarzeń',
    },
    hiddenUnits: (n: number) => `Pominięto ${n} słabiej powiązanych jednostek (są w tabeli).`,
    tieSummary: (a: string, b: string, p: number, g: number, e: number) =>
      `${a} – ${b}: partnerstwa ${p}, dotacje ${g}, wydarzenia ${e}`,
    flowsTitle: 'Przepływy finansowe',
    flowsEmpty: 'Brak dotacji dla odbiorców z tego obszaru.',
    flowsHint: 'Wybierz wiersz (strzałki na klawiaturze), aby zobaczyć kwoty.',
    chartLabel: (currency: string) => `Kwoty dotacji według jednostki odbiorcy (${currency})`,
    recipientUnit: 'Jednostka odbiorcy',
    funder: 'Grantodawca',
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
    withoutAmount: (n: number) => `Dotacje bez znanej kwoty: ${n}.`,
  },
  en: {
    loading: 'Loading…',
    error: 'The data could not be loaded.',
    retry: 'Try again',
    showTable: 'Show table',
    showChart: 'Show chart',
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
    measure: {
      total: 'shared partnerships, grants and events',
      partnerships: 'shared partnerships',
      grants: 'shared grants',
      events: 'shared events',
    },
    hiddenUnits: (n: number) => `${n} less connected units are left out (they are in the table).`,
    tieSummary: (a: string, b: string, p: number, g: number, e: number) =>
      `${a} – ${b}: ${p} partnerships, ${g} grants, ${e} events`,
    flowsTitle: 'Funding flows',
    flowsEmpty: 'No grants to recipients in this area.',
    flowsHint: 'Select a row (arrow keys) to see the amounts.',
    chartLabel: (currency: string) => `Grant amounts by the recipient's unit (${currency})`,
    recipientUnit: "Recipient's unit",
    funder: 'Funder',
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
    withoutAmount: (n: number) => `Grants without a known amount: ${n}.`,
  },
} as const;

export type Messages = (typeof MESSAGES)[Lang];

export function formatCount(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(value);
}

/** Minor units (e.g. grosze) → "1 234,50 zł" / "PLN 1,234.50"; an unknown currency code falls back to "1234.50 XYZ". */
export function formatAmount(minor: number, currency: string, lang: Lang): string {
  const value = minor / 100;
  try {
    return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency }).format(value);
  } catch {
    return `${new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: 2 }).format(value)} ${currency}`;
  }
}

/** Short form for axis ticks: "1,2 mln zł" / "PLN 1.2M". */
export function formatAmountShort(minor: number, currency: string, lang: Lang): string {
  try {
    return new Intl.NumberFormat(LOCALES[lang], {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(minor / 100);
  } catch {
    return formatAmount(minor, currency, lang);
  }
}
