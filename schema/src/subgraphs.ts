import 'reflect-metadata';
import type { SubgraphDefinition } from '@ngo-hub/kit';
import { eventsSubgraph } from '@ngo-hub/events';
import { fundingSubgraph } from '@ngo-hub/funding';
import { organisationsSubgraph } from '@ngo-hub/organisations';
import { partnershipsSubgraph } from '@ngo-hub/partnerships';

/** The subgraphs in composition order, with the URL each has in a local run (`npm start`). */
export interface ComposedSubgraph {
  name: string;
  url: string;
  definition: SubgraphDefinition<any>;
}

export const SUBGRAPHS: readonly ComposedSubgraph[] = [
  { name: 'organisations', url: 'http://localhost:4001/graphql', definition: organisationsSubgraph },
  { name: 'partnerships', url: 'http://localhost:4002/graphql', definition: partnershipsSubgraph },
  { name: 'events', url: 'http://localhost:4003/graphql', definition: eventsSubgraph },
  { name: 'funding', url: 'http://localhost:4004/graphql', definition: fundingSubgraph },
];
