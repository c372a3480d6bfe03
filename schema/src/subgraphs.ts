import 'reflect-metadata';
import type { SubgraphDefinition } from '@ngo-hub/kit';
import { SUBGRAPH_DEFAULT_PORTS, SUBGRAPHS as ROSTER, type SubgraphName } from '@ngo-hub/kit/roster';
import { accessSubgraph } from '@ngo-hub/access';
import { notificationsSubgraph } from '@ngo-hub/notifications';
import { eventsSubgraph } from '@ngo-hub/events';
import { fundingSubgraph } from '@ngo-hub/funding';
import { organisationsSubgraph } from '@ngo-hub/organisations';
import { partnershipsSubgraph } from '@ngo-hub/partnerships';

/** The subgraphs in composition order, with the URL each has in a local run (`npm start`). */
export interface ComposedSubgraph {
  name: SubgraphName;
  url: string;
  definition: SubgraphDefinition<any>;
}

const DEFINITIONS: Record<SubgraphName, SubgraphDefinition<any>> = {
  organisations: organisationsSubgraph,
  partnerships: partnershipsSubgraph,
  events: eventsSubgraph,
  funding: fundingSubgraph,
  access: accessSubgraph,
  notifications: notificationsSubgraph,
};

export const SUBGRAPHS: readonly ComposedSubgraph[] = ROSTER.map((name) => ({
  name,
  url: `http://localhost:${SUBGRAPH_DEFAULT_PORTS[name]}/graphql`,
  definition: DEFINITIONS[name],
}));
