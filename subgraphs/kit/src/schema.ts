import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { enforceListCaps } from './limits.js';

/** The Federation 2 directives the hub's subgraphs use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag", "@inaccessible"])';

export type ReferenceResolvers = Record<string, (reference: any, context: any, info: any) => unknown>;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  /** Types reachable only through federation (entity stubs), which type-graphql would otherwise drop. */
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type; each must go through a per-request DataLoader. */
  references?: ReferenceResolvers;
}

/**
 * type-graphql builds the types and resolvers from the decorated classes; the SDL it prints (with
 * the `@key` / `@shareable` directives) is handed to `buildSubgraphSchema`, which adds `_entities`
 * and `_service`. The SDL printed here is what `schema/` commits for each subgraph.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    skipCheck: true,
    validate: false,
  });
  const resolvers = createResolversMap(schema) as Record<string, any>;
  for (const [typeName, resolveReference] of Object.entries(options.references ?? {})) {
    resolvers[typeName] = { ...resolvers[typeName], __resolveReference: resolveReference };
  }
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`);
  // Lists that are not paged never return more than LIST_CAPS, which the cost limit counts on.
  return enforceListCaps(buildSubgraphSchema({ typeDefs, resolvers }));
}
