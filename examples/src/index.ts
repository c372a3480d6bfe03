/** A partner developer's typed client of the hub: operations typed by graphql-codegen, sent with fetch. */
export { createHubClient, HubRequestError, type HubClientOptions, type HubError } from './client.js';
export { DirectorySearch, OpenCalls, UpcomingEvents } from './operations.js';
export type * from './gql/graphql.js';
