import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FeedError, readParams, runQuery, sendFeedError, type FeedApollo } from '../feeds/graphql.js';
import { TIE_COLUMNS, TIE_FIELDS, TIES_QUERY, type TiesPage } from './cooperation.js';
import { connectionPages, levelParam, namePart, requiredParam, streamCsv, yearParam } from './csv.js';
import { FLOW_COLUMNS, FLOW_FIELDS, FLOWS_QUERY, groupByParam, type ExportedFlow } from './funding-flows.js';
import {
  ORGANISATION_COLUMNS,
  ORGANISATION_FIELDS,
  ORGANISATIONS_QUERY,
  organisationFilter,
  type OrganisationsPage,
} from './organisations.js';

const TERRITORY_HINT = 'a TERC code (2, 4 or 7 digits) or PL for the whole country';

/** Runs a route's export; a FeedError (or any failure before the first row) becomes the feeds' JSON error. */
function exportRoute(build: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return await build(request, reply);
    } catch (error) {
      if (!(error instanceof FeedError)) request.log.error(error);
      return sendFeedError(reply, error);
    }
  };
}

/**
 * Analysts' CSV exports: `GET /exports/cooperation.csv`, `/exports/funding-flows.csv` and
 * `/exports/organisations.csv`, taking the arguments of `cooperationTies`, `fundingFlows` and
 * `organisations` as URL parameters. Complete (no cap) and streamed page by page through the
 * gateway's own Apollo Server, like the feeds (docs/exports.md).
 */
export function registerExports(app: FastifyInstance, apollo: FeedApollo): void {
  app.get(
    '/exports/cooperation.csv',
    exportRoute((request, reply) => {
      const params = readParams(request, ['territory', 'level', 'fromYear', 'toYear'] as const);
      const variables = {
        territory: requiredParam(params.territory, 'territory', TERRITORY_HINT),
        level: levelParam(params.level),
        fromYear: yearParam(params.fromYear, 'fromYear'),
        toYear: yearParam(params.toYear, 'toYear'),
      };
      const pages = connectionPages<TiesPage, TiesPage['cooperationTies']['edges'][number]['node']>(
        apollo,
        TIES_QUERY,
        variables,
        (data) => data.cooperationTies,
        TIE_FIELDS,
      );
      const name = `ngo-hub-cooperation${namePart(variables.territory)}${namePart(variables.level)}${namePart(variables.fromYear)}${namePart(variables.toYear)}.csv`;
      return streamCsv(request, reply, name, TIE_COLUMNS, pages);
    }),
  );

  app.get(
    '/exports/funding-flows.csv',
    exportRoute(async (request, reply) => {
      const params = readParams(request, ['territory', 'level', 'groupBy', 'fromYear', 'toYear'] as const);
      const variables = {
        territory: requiredParam(params.territory, 'territory', TERRITORY_HINT),
        level: levelParam(params.level),
        groupBy: groupByParam(params.groupBy),
        fromYear: yearParam(params.fromYear, 'fromYear'),
        toYear: yearParam(params.toYear, 'toYear'),
      };
      // One answer (fundingFlows is not paged); its rows are still written as a stream.
      async function* pages() {
        yield (await runQuery<{ fundingFlows: ExportedFlow[] }>(apollo, FLOWS_QUERY, variables, FLOW_FIELDS))
          .fundingFlows;
      }
      const name = `ngo-hub-funding-flows${namePart(variables.territory)}${namePart(variables.level)}${namePart(variables.fromYear)}${namePart(variables.toYear)}.csv`;
      return streamCsv(request, reply, name, FLOW_COLUMNS, pages());
    }),
  );

  app.get(
    '/exports/organisations.csv',
    exportRoute((request, reply) => {
      const params = readParams(request, ['territory'] as const);
      const pages = connectionPages<OrganisationsPage, OrganisationsPage['organisations']['edges'][number]['node']>(
        apollo,
        ORGANISATIONS_QUERY,
        organisationFilter(params.territory),
        (data) => data.organisations,
        ORGANISATION_FIELDS,
      );
      return streamCsv(
        request,
        reply,
        `ngo-hub-organisations${namePart(params.territory)}.csv`,
        ORGANISATION_COLUMNS,
        pages,
      );
    }),
  );
}
