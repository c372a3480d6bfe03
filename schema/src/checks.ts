import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  findBreakingChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isIntrospectionType,
  type GraphQLSchema,
} from 'graphql';

export const SCHEMA_DIR = fileURLToPath(new URL('../', import.meta.url));

/** Files the generator writes and CI compares, relative to schema/. */
export const GENERATED = {
  supergraph: 'supergraph.graphql',
  api: 'api.graphql',
  subgraph: (name: string) => `subgraphs/${name}.graphql`,
  /** Its table of which file resolves each public field is generated; the prose around it is not. */
  federationDoc: '../docs/federation.md',
};

/** The last released public schema; breaking changes are measured against it. */
export const BASELINE = 'baseline/api.graphql';
/** Where a deliberate breaking change is announced, one line per change as graphql-js words it. */
export const BREAKING_LOG = 'BREAKING-CHANGES.md';

export function readSchemaFile(relative: string): string | null {
  try {
    return readFileSync(`${SCHEMA_DIR}${relative}`, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Breaking changes from the baseline to `current` that BREAKING-CHANGES.md does not announce.
 * An announced change is fine; a silent one fails CI.
 */
export function unannouncedBreakingChanges(current: GraphQLSchema): string[] {
  const baseline = readSchemaFile(BASELINE);
  if (!baseline) return [];
  const announced = readSchemaFile(BREAKING_LOG) ?? '';
  return findBreakingChanges(buildSchema(baseline), current)
    .map((change) => change.description)
    .filter((description) => !announced.includes(description));
}

/** Every public type, field, argument, input field and enum value that lacks an English description. */
export function missingDescriptions(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const need = (what: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(what);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || type.name.startsWith('__')) continue;
    if (['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    // The root operation types are conventional; their fields carry the descriptions.
    if (!['Query', 'Mutation'].includes(type.name)) need(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        need(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) need(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) need(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing;
}
