import { graphql } from './gql/index.js';

/** The directory: organisations by name (typos and missing diacritics forgiven), optionally in a territory. */
export const DirectorySearch = graphql(`
  query DirectorySearch($search: String, $territory: String, $first: Int = 10, $after: String) {
    organisations(filter: { search: $search, territory: $territory }, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          name
          sector
          legalForm
          foundedOn
          territory { code name }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/** A portal's calendar: events still to come anywhere under a TERC code, soonest first. */
export const UpcomingEvents = graphql(`
  query UpcomingEvents($territory: String!, $first: Int = 20) {
    events(filter: { territory: $territory, upcoming: true }, first: $first) {
      totalCount
      edges {
        node {
          id
          title
          kind
          status
          startsAt
          endsAt
          venue { name locality territory { code name } }
          organisers { id name }
        }
      }
    }
  }
`);

/** Competitions open today that organisations in a territory may enter, soonest deadline first. */
export const OpenCalls = graphql(`
  query OpenCalls($territory: String!, $first: Int = 20) {
    calls(filter: { territory: $territory, open: true }, first: $first) {
      totalCount
      edges {
        node {
          id
          title
          opensOn
          closesOn
          isOpen
          budget { amount currency }
          funder { name }
          territory { code name }
        }
      }
    }
  }
`);
