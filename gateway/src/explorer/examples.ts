/**
 * The README's "Try it" operations, one explorer tab each: the one list the explorer opens with and
 * the README examples are checked against (a README example missing here is a stale explorer).
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
      name sector legalForm
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
    name: 'GminasOfAPowiat',
    query: `query GminasOfAPowiat {
  territories(parent: "1433", level: GMINA) { code name kind }
}`,
  },
  {
    name: 'PartnershipsInMazowsze',
    query: `query PartnershipsInMazowsze {
  partnerships(filter: { territory: "14" }) {
    totalCount
    edges { node { name status memberCount territory { name } } }
  }
}`,
  },
  {
    name: 'EventsInPodlasie',
    query: `query EventsInPodlasie {
  events(filter: { territory: "20" }) {
    totalCount
    edges { node { title kind status startsAt venue { territory { name } } } }
  }
}`,
  },
  {
    name: 'GrantsInAPowiat',
    query: `query GrantsInAPowiat {
  grants(filter: { territory: "1434" }) {
    totalCount
    edges { node { title recipient { name } funder { name } amountAwarded { amount currency } } }
  }
}`,
  },
  {
    name: 'ForgivingSearch',
    query: `query ForgivingSearch {
  organisations(filter: { search: "spoleczna" }) {
    totalCount
    edges { node { name territory { name } } }
  }
}`,
  },
  {
    name: 'Bialystok',
    query: `query Bialystok {
  territory(code: "2061") {
    name
    organisations { totalCount }
    events { edges { node { title } } }
  }
}`,
  },
  {
    name: 'CooperationInMazowsze',
    query: `query CooperationInMazowsze {
  cooperation(territory: "14", level: POWIAT) { a { name } b { name } partnerships grants events }
}`,
  },
  {
    name: 'FundingFlowsInMazowsze',
    query: `query FundingFlowsInMazowsze {
  fundingFlows(territory: "14", level: POWIAT, groupBy: [FUNDER, YEAR]) { funder { name } year currency amountAwarded }
}`,
  },
];
