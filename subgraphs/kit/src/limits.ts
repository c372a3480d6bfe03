import {
  GraphQLError,
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isListType,
  isCompositeType,
  isLeafType,
  Kind,
  valueFromAST,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type VariableDefinitionNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { AppError } from './errors.js';
import { ENUM_LABELS, LABELLED_ENUMS } from './labels.js';
import { MAX_PAGE_SIZE } from './page-size.js';

/**
 * Query cost: what a query may make a server resolve, counted the way it really fans out. graphql-armor's
 * costLimit counts each field once; here a field inside a list counts once per item the list can hold:
 * `first` for paged lists (Relay connections, `_entities` by its representations) and the declared cap
 * of every other list (LIST_CAPS). Fragments are costed once per spread context and memoised, so a
 * fragment "bomb" is as cheap to estimate as to parse, and a fragment cycle counts nothing (graphql's
 * own NoFragmentCycles rule refuses it).
 *
 * Cost of a selection = sum over its fields of (weight + items × cost of the field's own selection),
 * where weight is 1 (0 for `__typename`, INTROSPECTION_WEIGHT for introspection: it is resolved in
 * memory, but `__Type.fields → __Field.type → __Type.fields` still multiplies and so still counts).
 */

/** What happens when a capped list holds more than its cap. */
export type CapOverflow = 'truncate' | 'refuse';

export interface ListCap {
  /** Most items the field returns (truncated or refused beyond; see `overflow`). */
  max: number;
  /** Items the cost estimate counts for these arguments; `max` when omitted. */
  estimate?: (args: Record<string, unknown>) => number;
  /** Truncate (reference lists) or refuse with BAD_USER_INPUT (analytics, where a cut would mislead). */
  overflow?: CapOverflow;
  /** Argument named in the refusal (`extensions.field`). */
  field?: string;
  /** How to narrow the question, for the refusal message. */
  hint?: string;
}

// The TERC register's largest sizes (the shipped edition, 2024-01-01: 16 voivodeships, 380 powiats, 2477 gminas, 1422 gmina
// parts, 37 districts; at most 42 units under one unit, 314 gminas in one voivodeship), with headroom.
const UNITS_AT_LEVEL: Record<string, number> = {
  WOJEWODZTWO: 16,
  POWIAT: 400,
  GMINA: 2600,
  GMINA_PART: 1500,
  CITY_DISTRICT: 50,
};
const UNITS_AT_LEVEL_UNDER_ONE: Record<string, number> = {
  WOJEWODZTWO: 1,
  POWIAT: 50,
  GMINA: 350,
  GMINA_PART: 220,
  CITY_DISTRICT: 25,
};
const MAX_CHILDREN = 50;

/**
 * Every list field of the public schema that is not a paged connection, with its cap. Reference lists
 * (the register) are capped above their real size, so the cap never cuts; lists that grow with the
 * data are truncated at a size no portal page shows in full; analytics breakdowns are refused past
 * their cap rather than cut, since a partial sum would mislead. A test checks every list is here.
 */
export const LIST_CAPS: Record<string, ListCap> = {
  'Query.territories': {
    max: 4500,
    estimate: (args) => {
      const level = typeof args.level === 'string' ? args.level : undefined;
      if (!level) return args.parent ? MAX_CHILDREN : UNITS_AT_LEVEL.WOJEWODZTWO!;
      return (args.parent ? UNITS_AT_LEVEL_UNDER_ONE : UNITS_AT_LEVEL)[level] ?? 4500;
    },
  },
  'Territory.children': { max: MAX_CHILDREN },
  'Query.funders': { max: 500 },
  // A fixed vocabulary (notifications' CHANGE_TYPES).
  'Query.changeTypes': { max: 50 },
  // The enum labels vocabulary (labels.ts): one entry per labelled enum asked for, each with its values.
  'Query.labels': {
    max: LABELLED_ENUMS.length,
    estimate: (args) =>
      Array.isArray(args.enums) ? Math.min(args.enums.length, LABELLED_ENUMS.length) : LABELLED_ENUMS.length,
  },
  'EnumLabels.values': { max: Math.max(...Object.values(ENUM_LABELS).map((values) => Object.keys(values).length)) },
  'Query.programmes': { max: 1000 },
  'Programme.children': { max: 50 },
  'Query.fundingFlows': {
    max: 5000,
    overflow: 'refuse',
    field: 'groupBy',
    hint: 'group by fewer keys, choose a coarser level or a smaller territory',
  },
  'Query.cooperation': {
    max: 5000,
    overflow: 'refuse',
    field: 'level',
    hint: 'choose a coarser level or a smaller territory',
  },
  'Event.organisers': { max: 10 },
  'Partnership.grants': { max: 100 },
  'Partnership.additionalTerritories': { max: 20 },
  'Partnership.memberships': { max: 100 },
  'Organisation.grants': { max: 50 },
  'Organisation.identifiers': { max: 10 },
  'Organisation.memberships': { max: 100 },
  'Organisation.partnerships': { max: 100 },
  'Call.eligibleTerritories': { max: 50 },
  'Grant.partners': { max: 20 },
  'Grant.fundingSources': { max: 5 },
  'Grant.beneficiaryTerritories': { max: 20 },
};

/** Introspection is answered from memory: a field costs this much of a data field. */
export const INTROSPECTION_WEIGHT = 0.05;
/** Lists the estimate knows nothing about (none in the public schema; a test keeps it so). */
const UNKNOWN_LIST_SIZE = 100;

export interface CostOptions {
  /** The request's variables (a `first: $n` is costed with its value; without one, at the page maximum). */
  variables?: Record<string, unknown> | null;
  caps?: Record<string, ListCap>;
}

/** Sizes of the introspection lists for this schema, measured once per schema. */
const introspectionSizes = new WeakMap<GraphQLSchema, Record<string, number>>();
function introspectionCaps(schema: GraphQLSchema): Record<string, number> {
  let sizes = introspectionSizes.get(schema);
  if (sizes) return sizes;
  const types = Object.values(schema.getTypeMap());
  const max = (values: number[]) => Math.max(1, ...values);
  const fields = types.flatMap((t) => ('getFields' in t ? Object.values(t.getFields()) : []));
  sizes = {
    '__Schema.types': types.length,
    '__Schema.directives': schema.getDirectives().length,
    '__Type.fields': max(types.map((t) => ('getFields' in t ? Object.keys(t.getFields()).length : 0))),
    '__Type.inputFields': max(types.map((t) => ('getFields' in t ? Object.keys(t.getFields()).length : 0))),
    '__Type.enumValues': max(types.map((t) => ('getValues' in t ? t.getValues().length : 0))),
    '__Type.interfaces': max(types.map((t) => ('getInterfaces' in t ? t.getInterfaces().length : 0))),
    '__Type.possibleTypes': max(types.map((t) => ('getTypes' in t ? t.getTypes().length : 0))),
    '__Field.args': max(fields.map((f) => ('args' in f ? f.args.length : 0))),
    '__Directive.args': max(schema.getDirectives().map((d) => d.args.length)),
    '__Directive.locations': 20,
  };
  introspectionSizes.set(schema, sizes);
  return sizes;
}

function argumentValues(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown> | null,
  definitions: Map<string, VariableDefinitionNode>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of field.args) {
    const given = node.arguments?.find((a) => a.name.value === arg.name);
    if (!given) {
      if (arg.defaultValue !== undefined) values[arg.name] = arg.defaultValue;
      continue;
    }
    if (given.value.kind === Kind.VARIABLE) {
      const name = given.value.name.value;
      const definition = definitions.get(name);
      if (variables && name in variables) values[arg.name] = variables[name];
      else if (definition?.defaultValue) values[arg.name] = valueFromAST(definition.defaultValue, arg.type);
      // A variable the request leaves out: the argument's default, as in execution.
      else if (variables && arg.defaultValue !== undefined) values[arg.name] = arg.defaultValue;
      // Variables unknown (static validation): the worst case (`undefined` → the cap / page maximum).
      else values[arg.name] = arg.name === 'first' ? MAX_PAGE_SIZE : undefined;
      continue;
    }
    values[arg.name] = valueFromAST(given.value, arg.type, variables ?? {});
  }
  return values;
}

/**
 * Estimates the cost of one operation of `document` (the named one, or the only one). Unknown
 * fields and types are skipped: graphql's own validation refuses them.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  options: CostOptions & { operationName?: string | null } = {},
): number {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = options.operationName
    ? operations.find((o) => o.name?.value === options.operationName)
    : operations[0];
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;
  const definitions = new Map((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, v]));
  const estimator = new CostEstimator(
    schema,
    fragments,
    options.variables ?? null,
    definitions,
    options.caps ?? LIST_CAPS,
  );
  return estimator.selectionCost(operation.selectionSet, root, null);
}

class CostEstimator {
  private readonly memo = new Map<string, number>();
  private readonly active = new Set<string>();
  private readonly introspection: Record<string, number>;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown> | null,
    private readonly definitions: Map<string, VariableDefinitionNode>,
    private readonly caps: Record<string, ListCap>,
  ) {
    this.introspection = introspectionCaps(schema);
  }

  /** `page`: the `first` of the connection this selection belongs to; it sizes its `edges`. */
  selectionCost(selectionSet: SelectionSetNode, type: GraphQLNamedType, page: number | null): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += this.fieldCost(selection, type, page);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : type;
        // Every type condition is counted (a sum, not the max over possible types): simple and never low.
        if (condition) total += this.selectionCost(selection.selectionSet, condition, page);
      } else {
        const name = selection.name.value;
        const key = `${name}@${page}`;
        const known = this.memo.get(key);
        if (known !== undefined) {
          total += known;
          continue;
        }
        const fragment = this.fragments.get(name);
        const condition = fragment && this.schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !condition || this.active.has(name)) continue;
        this.active.add(name);
        const cost = this.selectionCost(fragment.selectionSet, condition, page);
        this.active.delete(name);
        this.memo.set(key, cost);
        total += cost;
      }
    }
    return total;
  }

  private fieldCost(node: FieldNode, parent: GraphQLNamedType, page: number | null): number {
    const name = node.name.value;
    if (name === '__typename') return 0;
    let field: GraphQLField<unknown, unknown> | undefined;
    if (name === '__schema') field = { name, type: this.schema.getType('__Schema'), args: [] } as never;
    else if (name === '__type') field = { name, type: this.schema.getType('__Type'), args: [] } as never;
    else if ('getFields' in parent)
      field = (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name];
    if (!field?.type) return 0;
    const introspection = parent.name.startsWith('__') || name.startsWith('__');
    const weight = introspection ? INTROSPECTION_WEIGHT : 1;
    const named = getNamedType(field.type);
    if (!node.selectionSet || isLeafType(named) || !isCompositeType(named)) return weight;
    const args = argumentValues(field, node, this.variables, this.definitions);
    const key = `${parent.name}.${name}`;
    let items = 1;
    let childPage: number | null = null;
    if (field.args.some((a) => a.name === 'first')) {
      // A connection: `first` sizes its `edges`, not the connection itself.
      const first = typeof args.first === 'number' ? args.first : MAX_PAGE_SIZE;
      childPage = Math.min(Math.max(first, 0), MAX_PAGE_SIZE);
    } else if (name === '_entities') {
      items = Array.isArray(args.representations) ? args.representations.length : MAX_PAGE_SIZE;
    } else if (isListType(getNullableType(field.type))) {
      const cap = this.caps[key];
      if (cap) items = cap.estimate ? cap.estimate(args) : cap.max;
      else if (introspection) items = this.introspection[key] ?? UNKNOWN_LIST_SIZE;
      else items = page ?? UNKNOWN_LIST_SIZE;
    }
    return weight + items * this.selectionCost(node.selectionSet, named, childPage);
  }
}

export class QueryCostError extends GraphQLError {
  constructor(cost: number, maxCost: number) {
    const shown = Number.isFinite(cost) ? Math.ceil(cost) : 'unbounded';
    super(
      `Query is too expensive: estimated cost ${shown} exceeds the limit of ${maxCost}. Ask for smaller pages (first), fewer nested lists or fewer aliases.`,
      {
        extensions: {
          code: 'GRAPHQL_VALIDATION_FAILED',
          cost: Number.isFinite(cost) ? Math.ceil(cost) : null,
          maxCost,
          http: { status: 400 },
        },
      },
    );
  }
}

/**
 * The cost limit as a graphql validation rule. Variables are not known to validation in a server that
 * caches validated documents (Apollo), so servers run it per request with the request's variables
 * (see `costLimitPlugin`); without variables a `first: $n` counts at the page maximum.
 */
export function costLimitRule(options: CostOptions & { maxCost: number }): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const document: DocumentNode = {
        kind: Kind.DOCUMENT,
        definitions: [node, ...context.getDocument().definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
      };
      const cost = estimateCost(context.getSchema(), document, options);
      if (!(cost <= options.maxCost)) context.reportError(new QueryCostError(cost, options.maxCost));
    },
  });
}

/**
 * Apollo Server plugin running `costLimitRule` with the request's variables once the operation is
 * known, before anything executes (for the gateway: before any subgraph is asked). Refusals are
 * GRAPHQL_VALIDATION_FAILED with HTTP 400.
 */
export function costLimitPlugin(maxCost: number, caps: Record<string, ListCap> = LIST_CAPS): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const cost = estimateCost(requestContext.schema, requestContext.document, {
            variables: requestContext.request.variables,
            operationName: requestContext.operationName,
            caps,
          });
          if (!(cost <= maxCost)) throw new QueryCostError(cost, maxCost);
        },
      };
    },
  };
}

/**
 * Enforces LIST_CAPS where the lists are resolved: wraps the resolver of every capped field the schema
 * has, so a list never returns more items than the cost estimate counted.
 */
export function enforceListCaps(schema: GraphQLSchema, caps: Record<string, ListCap> = LIST_CAPS): GraphQLSchema {
  for (const [key, cap] of Object.entries(caps)) {
    const [typeName, fieldName] = key.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field =
      type && 'getFields' in type
        ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[fieldName]
        : undefined;
    if (!field) continue;
    const original = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, context, info) => {
      const list: unknown = await original(source, args, context, info);
      if (!Array.isArray(list) || list.length <= cap.max) return list;
      if (cap.overflow === 'refuse') {
        throw AppError.badInput(
          cap.field ?? fieldName,
          `The answer would hold more than ${cap.max} items; ${cap.hint ?? 'narrow the question'}`,
        );
      }
      return list.slice(0, cap.max);
    };
  }
  return schema;
}

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
}

/** The gateway's defaults; a subgraph allows what the gateway's query plans legitimately send (see SUBGRAPH_QUERY_LIMITS). */
// maxCost: measured with `npm run bench:hostile` on 2 busy cores, every gmina with two levels of parents
// (26k cost, ~7.5k objects) takes 0.6–0.8 s through the gateway; 65k keeps the heaviest admissible query
// under 2 s and still admits a whole analytics breakdown (5000 rows × every field, 60k), the heaviest
// query of the benchmark (35k) and the feeds' pages (10.5k).
export const GATEWAY_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5000,
  maxDirectives: 50,
  maxCost: 65_000,
};

/**
 * A subgraph's own limits, so it is safe when reached directly. The gateway's plan for a query within
 * the gateway's limits adds an `_entities` level, key fields (`id`, `__typename`) and the aliases it
 * needs to merge fields, so each limit is the gateway's with headroom; a caller reaching a subgraph
 * directly gets no more than about twice what it could get through the gateway.
 */
export const SUBGRAPH_QUERY_LIMITS: QueryLimits = {
  maxDepth: 16,
  maxAliases: 60,
  maxTokens: 10_000,
  maxDirectives: 100,
  maxCost: 130_000,
};

/**
 * graphql-armor's depth, alias and directive limits, graphql's token limit, and the cost limit above
 * (armor's own costLimit is off: it does not multiply by list sizes). For an Apollo Server's
 * `plugins`, `validationRules` and `parseOptions`.
 */
export function queryProtection(given: Partial<QueryLimits>, defaults: QueryLimits) {
  // An unset value (undefined) keeps its default.
  const limits = {
    ...defaults,
    ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
  } as QueryLimits;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    // Tokens are limited by graphql's own parser (`parseOptions`): a refusal is then a 400
    // GRAPHQL_PARSE_FAILED, where armor's token plugin throws before parsing and Apollo answers 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  return {
    // graphql-armor is typed against the CommonJS build of @apollo/server; the plugin shape is the same.
    plugins: [...(protection.plugins as never[]), costLimitPlugin(limits.maxCost)] as ApolloServerPlugin<any>[],
    validationRules: [...protection.validationRules],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
