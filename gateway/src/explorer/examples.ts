/**
 * The README's "Try it" operations, one explorer tab each, in the README's order; gateway/test/readme.test.ts
 * checks they are exactly the README's examples, so the explorer opens with what the README promises.
 */
export interface ExplorerExample {
  /** The tab's operation name, also its title in GraphiQL. */
  name: string;
  /** One named operation, as a user would paste it. */
  query: string;
  variables?: Record<string, unknown>;
}

export const EXPLORER_EXAMPLES: readonly ExplorerExample[] = [
  {
    name: 'OrganisationsSearch',
    query: `query OrganisationsSearch {
  organisations(filter: { search: "Inicjatywy" }, first: 5) {
    totalCount
    edges { node {
      name sector legalForm source
      territory { code name }
      memberships { role partnership { name territory { name } } }
      events(first: 5) { edges { node { title kind startsAt venue { territory { name } } } } }
      grants { title amountAwarded { amount currency } fundingSources { funder { name } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  },
  {
    name: 'BialystokCalendar',
    query: `query BialystokCalendar {
  events(filter: { territory: "2061011", upcoming: true }) { edges { node { title kind startsAt venue { name locality } source } } }
}`,
  },
  {
    name: 'OpenCalls',
    query: `query OpenCalls {
  calls(filter: { open: true }) { edges { node { title opensOn closesOn funder { name } territory { name } } } }
}`,
  },
  {
    name: 'GrantsInPowiat',
    query: `query GrantsInPowiat {
  grants(filter: { territory: "1434" }) { edges { node { title amountAwarded { amount currency } recipient { name } source } } }
}`,
  },
  {
    name: 'CooperationBetweenPowiats',
    query: `query CooperationBetweenPowiats {
  cooperation(territory: "14", level: POWIAT) { a { name } b { name } partnerships grants events }
}`,
  },
  {
    name: 'FundingFlowsByPowiat',
    query: `query FundingFlowsByPowiat {
  fundingFlows(territory: "14", level: POWIAT, groupBy: [FUNDER, YEAR]) { funder { name } year territory { name } currency amountAwarded }
}`,
  },
  {
    name: 'PartnershipsInMazowsze',
    query: `query PartnershipsInMazowsze {
  partnerships(filter: { territory: "14" }) { totalCount edges { node { name source territory { name } memberCount } } }
}`,
  },
  {
    name: 'EventsInPodlasie',
    query: `query EventsInPodlasie {
  events(filter: { territory: "20" }) { totalCount edges { node { title startsAt status } } }
}`,
  },
  {
    name: 'SearchForgivesTypos',
    query: `query SearchForgivesTypos {
  organisations(filter: { search: "spoleczna" }) { edges { node { name } } }
}`,
  },
  {
    name: 'Bialystok',
    query: `query Bialystok {
  territory(code: "2061") { organisations { totalCount } events { edges { node { title } } } calls { edges { node { title } } } }
}`,
  },
  {
    name: 'GminasOfAPowiat',
    query: `query GminasOfAPowiat {
  territories(parent: "1433", level: GMINA) { code name }
}`,
  },
];
