import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';

/**
 * What a cached answer was built from, as tags the owners' changes invalidate (shared-cache.ts):
 * `<Type>:<id>` for every entity in the answer (an object type with `id: ID`), and `list:<Type>` for
 * everything that any change of a `<Type>` may alter — every list or page of them (membership depends
 * on filters), an entity whose id the query did not select, a root lookup that found nothing, and
 * the values derived from other entities (DERIVED). An audit entry of `<Type>` `<id>` invalidates
 * both `<Type>:<id>` and `list:<Type>`. Time alone (a membership's `isActive`, a call's `isOpen`) is
 * bounded by the TTL, as before.
 */

/**
 * Values computed from entities they do not name, keyed by type or `Type.field`: the entity types
 * whose changes alter them. Cooperation is built from partnerships' members, events' organisers and
 * grants' participants, placed by organisations' seats; funding flows from grants by their
 * recipients' seats.
 */
const COOPERATION = ['Organisation', 'Partnership', 'Membership', 'Event', 'Grant'];
export const DERIVED: Readonly<Record<string, readonly string[]>> = {
  TerritoryTie: COOPERATION,
  CooperationTie: COOPERATION,
  OrganisationCooperation: COOPERATION,
  FundingFlow: ['Grant', 'Organisation', 'Call'],
  'Partnership.memberCount': ['Membership'],
  'Partnership.leadPartner': ['Membership'],
  'Organisation.partnerships': ['Membership'],
};

/**
 * Lists whose membership is the parent entity's own state, changed only by a write audited as the
 * parent (whose tag the answer already carries): their items need only their own entity tags.
 */
const OWNED_LISTS = new Set(['Event.organisers', 'Grant.partners']);

/** Object types without an id that are part of their parent (its tag covers them) or fixed reference data. */
export const VALUE_TYPES = new Set([
  'AuditActor',
  'ChangeType',
  'ContactPerson',
  'CreatedApiKey',
  'CreatedWebhook',
  'EnumLabels',
  'EventVenue',
  'FundingSource',
  'LabelledValue',
  'Money',
  'NoticeSubscriptionRequest',
  'OrganisationIdentifier',
  'PageInfo',
  'PostalAddress',
  'Territory',
  'Viewer',
]);

export function isEntity(type: GraphQLNamedType): type is GraphQLObjectType {
  return isObjectType(type) && getNamedType(type.getFields().id?.type)?.name === 'ID';
}

/** A connection's node type (`edges { node }`), else the type itself. */
function nodeType(type: GraphQLNamedType): GraphQLNamedType {
  if (!isObjectType(type)) return type;
  const edges = type.getFields().edges;
  const edge = edges && getNamedType(edges.type);
  const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
  return node ? getNamedType(node.type) : type;
}

/** The `list:` tags a field carries whatever its value: its lists and pages of entities, and what it derives from. */
function fieldTags(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>): string[] {
  const named = getNamedType(field.type);
  const item = nodeType(named);
  const qualified = `${parent.name}.${field.name}`;
  const tags: string[] = [];
  const many = isListType(getNullableType(field.type)) || item !== named;
  if (many && isEntity(item) && !OWNED_LISTS.has(qualified)) tags.push(`list:${item.name}`);
  for (const source of [...(DERIVED[qualified] ?? []), ...(DERIVED[named.name] ?? []), ...(DERIVED[item.name] ?? [])])
    tags.push(`list:${source}`);
  return tags;
}

interface Walk {
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  tags: Set<string>;
}

/** The fields a selection set asks of an object, fragments flattened (the hub has no abstract types). */
function collect(walk: Walk, selectionSet: SelectionSetNode, into: Map<string, { name: string; node: any }[]>) {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = (selection.alias ?? selection.name).value;
      into.set(key, [...(into.get(key) ?? []), { name: selection.name.value, node: selection }]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(walk, selection.selectionSet, into);
    } else {
      const fragment = walk.fragments[selection.name.value];
      if (fragment) collect(walk, fragment.selectionSet, into);
    }
  }
  return into;
}

function walkObject(walk: Walk, type: GraphQLObjectType, selectionSets: SelectionSetNode[], value: any, root: boolean) {
  const fields = new Map<string, { name: string; node: any }[]>();
  for (const set of selectionSets) collect(walk, set, fields);
  if (isEntity(type)) {
    const idKey = [...fields].find(([, nodes]) => nodes.some((n) => n.name === 'id'))?.[0];
    const id = idKey === undefined ? undefined : value[idKey];
    walk.tags.add(id == null ? `list:${type.name}` : `${type.name}:${id}`);
  }
  const defs = type.getFields();
  for (const [key, nodes] of fields) {
    const def = defs[nodes[0]!.name];
    if (!def || !(key in value)) continue;
    for (const tag of fieldTags(type, def)) walk.tags.add(tag);
    const named = getNamedType(def.type);
    const fieldValue = value[key];
    if (fieldValue == null) {
      // A root lookup that found nothing: what would make it find something.
      if (root && isEntity(named)) {
        const idArg = nodes[0]!.node.arguments?.find((a: any) => a.name.value === 'id');
        const id = idArg && valueFromASTUntyped(idArg.value, walk.variables);
        walk.tags.add(typeof id === 'string' ? `${named.name}:${id}` : `list:${named.name}`);
      }
      continue;
    }
    if (!isObjectType(named)) continue;
    const sets = nodes.flatMap((n) => (n.node.selectionSet ? [n.node.selectionSet] : []));
    const visit = (v: any): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v != null) walkObject(walk, named, sets, v, false);
    };
    visit(fieldValue);
  }
}

/** The tags of a query's answer (`data`), from its operation and the API schema. */
export function answerTags(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> | undefined,
  data: Record<string, unknown>,
): string[] {
  const walk: Walk = { fragments, variables: variables ?? {}, tags: new Set() };
  const queryType = schema.getQueryType();
  if (queryType) walkObject(walk, queryType, [operation.selectionSet], data, true);
  return [...walk.tags].sort();
}

/** What one owner's change invalidates: the entity's own tag and everything that depends on its type. */
export function changeTags(entityType: string, entityId: string): string[] {
  return [`${entityType}:${entityId}`, `list:${entityType}`];
}
