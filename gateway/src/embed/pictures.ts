/** One section of the /embed demo page: a title, a sentence, and the HTML a portal pastes. */
export interface EmbedSection {
  id: string;
  title: string;
  description: string;
  /** The copy-paste snippet, also rendered live on the page. */
  snippet: string;
}

/** The pictures' sections of /embed (cooperation, funding flows), on Mazowieckie's powiats, which the demo data ties together. */
export const PICTURE_SECTIONS: EmbedSection[] = [
  {
    id: 'cooperation',
    title: 'Współpraca między powiatami',
    description:
      'Macierz powiązań między powiatami województwa mazowieckiego (i powiatami spoza niego, z którymi współpracują): ' +
      'im ciemniejsza komórka, tym więcej wspólnych partnerstw, dotacji i wydarzeń. Komórki można przeglądać strzałkami, ' +
      'a przycisk „Pokaż tabelę” podaje te same liczby w tabeli. Atrybuty: territory (kod TERC albo „PL”), level, ' +
      'measure (total, partnerships, grants, events), lang.',
    snippet: '<ngo-hub-cooperation territory="14" level="POWIAT" lang="pl"></ngo-hub-cooperation>',
  },
  {
    id: 'funding-flows',
    title: 'Przepływy finansowe',
    description:
      'Kwoty dotacji dla organizacji z powiatów województwa mazowieckiego, w podziale na grantodawców: jeden pasek na powiat ' +
      'odbiorcy, kwoty w złotych (inne waluty osobno, nigdy nie sumowane ze złotymi). Atrybut group-by wybiera podział ' +
      'pasków (FUNDER, PROGRAMME, YEAR, np. „FUNDER,YEAR”); przycisk „Pokaż tabelę” podaje kwoty w tabeli.',
    snippet:
      '<ngo-hub-funding-flows territory="14" level="POWIAT" group-by="FUNDER" lang="pl"></ngo-hub-funding-flows>',
  },
];
