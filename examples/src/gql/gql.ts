/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query DirectorySearch($search: String, $territory: String, $first: Int = 10, $after: String) {\n    organisations(filter: { search: $search, territory: $territory }, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          sector\n          legalForm\n          foundedOn\n          territory { code name }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.DirectorySearchDocument,
    "\n  query UpcomingEvents($territory: String!, $first: Int = 20) {\n    events(filter: { territory: $territory, upcoming: true }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          kind\n          status\n          startsAt\n          endsAt\n          venue { name locality territory { code name } }\n          organisers { id name }\n        }\n      }\n    }\n  }\n": typeof types.UpcomingEventsDocument,
    "\n  query OpenCalls($territory: String!, $first: Int = 20) {\n    calls(filter: { territory: $territory, open: true }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          opensOn\n          closesOn\n          isOpen\n          budget { amount currency }\n          funder { name }\n          territory { code name }\n        }\n      }\n    }\n  }\n": typeof types.OpenCallsDocument,
    "\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) { id startsAt }\n  }\n": typeof types.CreateEventDocument,
    "\n  mutation CreateCall($input: CreateCallInput!) {\n    createCall(input: $input) { id closesOn budget { amount currency } }\n  }\n": typeof types.CreateCallDocument,
    "\n  query Funders { funders { id name } }\n": typeof types.FundersDocument,
};
const documents: Documents = {
    "\n  query DirectorySearch($search: String, $territory: String, $first: Int = 10, $after: String) {\n    organisations(filter: { search: $search, territory: $territory }, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          sector\n          legalForm\n          foundedOn\n          territory { code name }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.DirectorySearchDocument,
    "\n  query UpcomingEvents($territory: String!, $first: Int = 20) {\n    events(filter: { territory: $territory, upcoming: true }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          kind\n          status\n          startsAt\n          endsAt\n          venue { name locality territory { code name } }\n          organisers { id name }\n        }\n      }\n    }\n  }\n": types.UpcomingEventsDocument,
    "\n  query OpenCalls($territory: String!, $first: Int = 20) {\n    calls(filter: { territory: $territory, open: true }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          opensOn\n          closesOn\n          isOpen\n          budget { amount currency }\n          funder { name }\n          territory { code name }\n        }\n      }\n    }\n  }\n": types.OpenCallsDocument,
    "\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) { id startsAt }\n  }\n": types.CreateEventDocument,
    "\n  mutation CreateCall($input: CreateCallInput!) {\n    createCall(input: $input) { id closesOn budget { amount currency } }\n  }\n": types.CreateCallDocument,
    "\n  query Funders { funders { id name } }\n": types.FundersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DirectorySearch($search: String, $territory: String, $first: Int = 10, $after: String) {\n    organisations(filter: { search: $search, territory: $territory }, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          sector\n          legalForm\n          foundedOn\n          territory { code name }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql.js').DirectorySearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UpcomingEvents($territory: String!, $first: Int = 20) {\n    events(filter: { territory: $territory, upcoming: true }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          kind\n          status\n          startsAt\n          endsAt\n          venue { name locality territory { code name } }\n          organisers { id name }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').UpcomingEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenCalls($territory: String!, $first: Int = 20) {\n    calls(filter: { territory: $territory, open: true }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          opensOn\n          closesOn\n          isOpen\n          budget { amount currency }\n          funder { name }\n          territory { code name }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').OpenCallsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) { id startsAt }\n  }\n"): typeof import('./graphql.js').CreateEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCall($input: CreateCallInput!) {\n    createCall(input: $input) { id closesOn budget { amount currency } }\n  }\n"): typeof import('./graphql.js').CreateCallDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Funders { funders { id name } }\n"): typeof import('./graphql.js').FundersDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
