import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  buildSchema,
  execute,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  parse,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { costLimitRule, enforceListCaps, estimateCost, GATEWAY_QUERY_LIMITS, LIST_CAPS } from '../src/limits.js';

// The public schema as clients see it: the cost rule is checked against what the gateway serves.
const api = buildSchema(readFileSync(fileURLToPath(new URL('../../../schema/api.graphql', import.meta.url)), 'utf8'));
const cost = (query: string, variables?: Record<string, unknown>, schema: GraphQLSchema = api) =>
  estimateCost(schema, parse(query), { variables });

describe('query cost', () => {
  it('multiplies a connection by `first`, counting its edges once per item', () => {
    // organisations 1 + edges 1 + first × (node 1 + name 1)
    expect(cost('{ organisations(first: 10) { edges { node { name } } } }')).toBe(22);
    expect(cost('{ organisations(first: 100) { edges { node { name } } } }')).toBe(202);
    // `first` omitted: the argument's default (20); a variable: its value.
    expect(cost('{ organisations { edges { node { name } } } }')).toBe(42);
    expect(cost('query Q($n: Int!) { organisations(first: $n) { edges { node { name } } } }', { n: 5 })).toBe(12);
  });

  it('costs an unknown variable and a huge `first` at the page maximum (the resolver refuses more)', () => {
    expect(cost('query Q($n: Int!) { organisations(first: $n) { edges { node { name } } } }')).toBe(202);
    // A variable the request leaves out leaves the argument at its default, as execution does.
    expect(cost('query Q($n: Int) { organisations(first: $n) { edges { node { name } } } }', {})).toBe(42);
    expect(cost('{ organisations(first: 100000000) { edges { node { name } } } }')).toBe(202);
  });

  it('multiplies nested connections', () => {
    const nested = cost(
      '{ organisations(first: 100) { edges { node { events(first: 100) { edges { node { title } } } } } } }',
    );
    expect(nested).toBe(1 + 1 + 100 * (1 + 1 + 1 + 100 * 2));
  });

  it('counts unpaged lists at their declared cap, the territories tree by its arguments', () => {
    expect(cost('{ territories { code } }')).toBe(1 + 16);
    expect(cost('{ territories(level: GMINA) { code } }')).toBe(1 + 2600);
    expect(cost('{ territories(parent: "14", level: GMINA) { code } }')).toBe(1 + 350);
    expect(cost('{ territories(level: GMINA) { children { code } } }')).toBe(1 + 2600 * (1 + 50));
    // The shape that froze the organisations subgraph: the tree × children × a page of organisations each.
    const tree = cost(
      '{ territories(level: POWIAT) { children { children { organisations(first: 100) { edges { node { name } } } } } } }',
    );
    expect(tree).toBeGreaterThan(GATEWAY_QUERY_LIMITS.maxCost * 100);
  });

  it('counts every alias', () => {
    const one = cost('{ organisations(first: 50) { edges { node { name } } } }');
    expect(
      cost(
        '{ a: organisations(first: 50) { edges { node { name } } } b: organisations(first: 50) { edges { node { name } } } }',
      ),
    ).toBe(2 * one);
  });

  it('counts fragments and inline fragments like the fields they stand for', () => {
    const plain = cost('{ organisations(first: 10) { edges { node { id name identifiers { value } } } } }');
    expect(
      cost(
        '{ organisations(first: 10) { edges { node { ...F } } } } fragment F on Organisation { id name identifiers { value } }',
      ),
    ).toBe(plain);
    expect(
      cost('{ organisations(first: 10) { edges { node { ... on Organisation { id name identifiers { value } } } } } }'),
    ).toBe(plain);
    // A fragment spread inside a connection takes that connection's page size.
    expect(
      cost(
        '{ organisations(first: 10) { ...C } } fragment C on OrganisationConnection { edges { node { id name identifiers { value } } } }',
      ),
    ).toBe(plain);
  });

  it('estimates a fragment bomb in linear time and refuses it', () => {
    // F0 spreads F1 twice, F1 spreads F2 twice, ...: 2^40 fields once expanded, 81 spreads to read.
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Organisation { a${i}: name ...F${i + 1} b${i}: shortName ...F${i + 1} }`,
    );
    fragments.push('fragment F40 on Organisation { name }');
    const started = performance.now();
    const estimate = cost(`{ organisation(id: "x") { ...F0 } } ${fragments.join('\n')}`);
    expect(performance.now() - started).toBeLessThan(200);
    expect(estimate).toBeGreaterThan(2 ** 40);
  });

  it('does not loop on a fragment cycle', () => {
    const estimate = cost(
      '{ organisation(id: "x") { ...A } } fragment A on Organisation { name territory { organisations { edges { node { ...B } } } } } fragment B on Organisation { id ...A }',
    );
    expect(Number.isFinite(estimate)).toBe(true);
  });

  it('counts `_entities` by its representations', () => {
    const subgraph = buildSubgraphSchema({
      typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Organisation @key(fields: "id") { id: ID! name: String! }
      type Query { organisation(id: ID!): Organisation }`),
    });
    const query = 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { name } } }';
    const representations = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ __typename: 'Organisation', id: String(i) }));
    expect(cost(query, { r: representations(10) }, subgraph)).toBe(1 + 10);
    expect(cost(query, { r: representations(5000) }, subgraph)).toBe(1 + 5000);
  });

  it('lets the standard introspection query through and refuses an introspection bomb', () => {
    expect(cost(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toBeLessThan(
      GATEWAY_QUERY_LIMITS.maxCost,
    );
    const bomb =
      '{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } } }';
    expect(cost(bomb)).toBeGreaterThan(GATEWAY_QUERY_LIMITS.maxCost);
  });

  it('refuses over the limit as a validation error naming the estimate and the limit', () => {
    const document = parse(
      '{ territories(level: GMINA) { children { organisations(first: 100) { edges { node { name } } } } } }',
    );
    const errors = validate(api, document, [costLimitRule({ maxCost: 50_000 })]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/estimated cost \d+ exceeds the limit of 50000/);
    expect(errors[0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxCost: 50_000 });
    expect(
      validate(api, parse('{ organisations(first: 100) { edges { node { name } } } }'), [
        costLimitRule({ maxCost: 50_000 }),
      ]),
    ).toEqual([]);
    // Without the request's variables a `first: $n` counts at the page maximum; with them, at its value.
    const paged = parse('query Q($n: Int) { organisations(first: $n) { edges { node { name } } } }');
    expect(validate(api, paged, [costLimitRule({ maxCost: 100 })])).toHaveLength(1);
    expect(validate(api, paged, [costLimitRule({ maxCost: 100, variables: { n: 10 } })])).toEqual([]);
  });

  it('has a declared cap for every list of objects in the public schema that is not paged', () => {
    const lists: string[] = [];
    for (const type of Object.values(api.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Connection')) continue;
      for (const field of Object.values(type.getFields())) {
        if (isListType(getNullableType(field.type)) && isObjectType(getNamedType(field.type)))
          lists.push(`${type.name}.${field.name}`);
      }
    }
    expect(lists.sort()).toEqual(Object.keys(LIST_CAPS).sort());
  });
});

describe('list caps where lists are resolved', () => {
  const schema = () =>
    enforceListCaps(
      buildSchema(`
    type Territory { code: String! children: [Territory!]! }
    type Query { territories: [Territory!]! fundingFlows: [Territory!]! }`),
      {
        'Query.territories': { max: 3 },
        'Territory.children': { max: 2 },
        'Query.fundingFlows': { max: 3, overflow: 'refuse', field: 'groupBy', hint: 'group by fewer keys' },
      },
    );
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ code: String(i), children: [{ code: 'a' }, { code: 'b' }, { code: 'c' }] }));

  it('truncates a capped list, also when the default resolver reads it', async () => {
    const result = await execute({
      schema: schema(),
      document: parse('{ territories { code children { code } } }'),
      rootValue: { territories: () => many(5) },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.territories).toHaveLength(3);
    expect((result.data!.territories as { children: unknown[] }[])[0]!.children).toHaveLength(2);
  });

  it('refuses an analytics list past its cap with BAD_USER_INPUT naming the argument', async () => {
    const result = await execute({
      schema: schema(),
      document: parse('{ fundingFlows { code } }'),
      rootValue: { fundingFlows: async () => many(4) },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
    expect(result.errors?.[0]?.message).toMatch(/more than 3 items; group by fewer keys/);
  });
});
