import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema, type GraphQLSchema } from 'graphql';
import { SUBGRAPHS } from './subgraphs.js';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export interface Composition {
  subgraphs: SubgraphSdl[];
  supergraphSdl: string;
  /** What clients see: the supergraph without federation machinery. */
  apiSchema: GraphQLSchema;
  apiSdl: string;
}

/** Builds each subgraph's schema from its code and prints its SDL (no server, no database). */
export async function printSubgraphSdls(): Promise<SubgraphSdl[]> {
  return Promise.all(
    SUBGRAPHS.map(async ({ name, url, definition }) => ({
      name,
      url,
      sdl: `${printSubgraphSchema(await definition.buildSchema()).trim()}\n`,
    })),
  );
}

/** Composes the supergraph with @apollo/composition; composition errors are thrown in full. */
export function compose(subgraphs: SubgraphSdl[]): Composition {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  const apiSchema = result.schema.toAPISchema().toGraphQLJSSchema();
  return {
    subgraphs,
    supergraphSdl: `${result.supergraphSdl.trim()}\n`,
    apiSchema,
    apiSdl: `${printSchema(apiSchema).trim()}\n`,
  };
}
