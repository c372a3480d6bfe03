import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  coerceInputValue,
  GraphQLError,
  isInputType,
  isNonNullType,
  Kind,
  typeFromAST,
  visit,
  type ASTNode,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
} from 'graphql';

/**
 * Malformed input, wherever it is written, becomes one kind of error: `BAD_USER_INPUT` whose
 * `extensions.field` is the dot path from the ARGUMENT as the schema names it — `input.amountAwarded.amount`,
 * `filter.minAmount`, `id`, `input.organiserIds.2` — the same path the services' own validation
 * reports. A value passed in a variable is named by where the variable is used (its first use),
 * not by the variable's name, so a form bound to `input` needs one mapping whatever the client
 * wrote; a variable that no argument uses is named `$name`. All problems of one request are listed
 * in `extensions.problems` (`[{ field, message }]`), the first also being the error's `field`.
 * Used by the gateway and by every subgraph (which may be reached directly).
 */

/** Value nodes of the document being validated → their argument path (filled by `inputPathRule`). */
const literalPaths = new WeakMap<ASTNode, string>();

/** How deep variables may nest; deeper JSON is refused before anything walks it recursively. */
export const MAX_INPUT_DEPTH = 32;

/** True when a JSON value nests deeper than `max` (iterative: never overflows the stack itself). */
export function nestsDeeperThan(value: unknown, max = MAX_INPUT_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text: PostgreSQL refuses NUL, and a lone surrogate is not Unicode. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'text may not contain a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'text is not valid Unicode (a lone surrogate)';
  return null;
}

const joinPath = (base: string, key: string | number) => (base ? `${base}.${key}` : String(key));

interface Problem {
  field: string;
  message: string;
}

function badInput(problems: Problem[], http = true): GraphQLError {
  const first = problems[0]!;
  return new GraphQLError(
    problems.length === 1 ? first.message : `${first.message} (and ${problems.length - 1} more problems)`,
    {
      extensions: { code: 'BAD_USER_INPUT', field: first.field, problems, ...(http ? { http: { status: 400 } } : {}) },
    },
  );
}

/**
 * A validation rule that records the argument path of every literal value (so `formatInputError`
 * can name it) and refuses text that cannot be stored. Where each variable is first used is kept too.
 */
export function inputPathRule(context: ValidationContext) {
  const path: (string | number)[] = [];
  return {
    Argument: {
      enter: (node: { name: { value: string } }) => void path.push(node.name.value),
      leave: () => void path.pop(),
    },
    ObjectField: {
      enter: (node: { name: { value: string } }) => void path.push(node.name.value),
      leave: () => void path.pop(),
    },
    enter(node: ASTNode, key: string | number | undefined, parent: unknown) {
      if (!path.length) return;
      // List items: the visitor hands the index as `key` when the parent is a values array.
      if (Array.isArray(parent) && typeof key === 'number' && node.kind !== Kind.OBJECT_FIELD) path.push(key);
      literalPaths.set(node, path.join('.'));
      if (node.kind === Kind.STRING) {
        const problem = textProblem(node.value);
        if (problem)
          context.reportError(
            new GraphQLError(`${path.join('.')}: ${problem}`, {
              nodes: [node],
              extensions: { code: 'BAD_USER_INPUT', field: path.join('.') },
            }),
          );
      }
    },
    leave(node: ASTNode, key: string | number | undefined, parent: unknown) {
      if (path.length && Array.isArray(parent) && typeof key === 'number' && node.kind !== Kind.OBJECT_FIELD)
        path.pop();
    },
  };
}

/** Where each variable of an operation is first used, as an argument path. */
function variableUses(operation: OperationDefinitionNode, document: DocumentNode): Map<string, string> {
  const uses = new Map<string, string>();
  const path: (string | number)[] = [];
  const walk = (root: ASTNode) =>
    visit(root, {
      Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      ListValue: {
        enter(node) {
          node.values.forEach((value, index) => {
            if (value.kind === Kind.VARIABLE && !uses.has(value.name.value))
              uses.set(value.name.value, [...path, index].join('.'));
          });
        },
      },
      Variable(node, _key, parent) {
        if (Array.isArray(parent) || !path.length || uses.has(node.name.value)) return;
        uses.set(node.name.value, path.join('.'));
      },
      VariableDefinition: () => false,
    });
  walk(operation);
  // Variables used inside fragments count too.
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) walk(definition);
  return uses;
}

/** Coerces the request's variables against the schema, collecting every problem with its argument path. */
export function variableProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  inputs: Record<string, unknown>,
): Problem[] {
  const definitions = operation.variableDefinitions ?? [];
  if (!definitions.length) return [];
  const uses = variableUses(operation, document);
  const problems: Problem[] = [];
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as never);
    if (!type || !isInputType(type)) continue; // a validation error already
    const base = uses.get(name) ?? `$${name}`;
    if (!Object.hasOwn(inputs, name) || inputs[name] === undefined) {
      if (isNonNullType(type) && !definition.defaultValue)
        problems.push({ field: base, message: `${base} is required` });
      continue;
    }
    const coerced = coerceInputValue(inputs[name], type, (path, _invalid, error) => {
      const field = path.reduce<string>((at, key) => joinPath(at, key), base);
      const reason = error.message.replace(/ ?Did you mean .*$/s, '');
      problems.push({ field, message: `${field}: ${reason}` });
    });
    // Text is checked on the coerced value, so only strings that reach a resolver are looked at.
    const stack: [unknown, string][] = [[coerced, base]];
    while (stack.length) {
      const [value, field] = stack.pop()!;
      if (typeof value === 'string') {
        const problem = textProblem(value);
        if (problem) problems.push({ field, message: `${field}: ${problem}` });
      } else if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) stack.push([item, joinPath(field, i)]);
      } else if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
        for (const [key, item] of Object.entries(value)) stack.push([item, joinPath(field, key)]);
      }
    }
  }
  return problems.sort((a, b) => Number(a.field.startsWith('$')) - Number(b.field.startsWith('$')));
}

/**
 * Checks variables before the operation runs (before the gateway plans it): every malformed value
 * is reported at once as BAD_USER_INPUT with its argument path, HTTP 400.
 */
export function variableInputPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const variables = request.variables ?? {};
          if (nestsDeeperThan(variables))
            throw badInput([{ field: '$variables', message: `variables nest deeper than ${MAX_INPUT_DEPTH} levels` }]);
          const problems = variableProblems(schema, document, operation, variables);
          if (problems.length) throw badInput(problems);
        },
      };
    },
  };
}

/**
 * For Apollo's `formatError`: a validation error about a literal argument value (a malformed
 * scalar, an unknown enum value, an Int out of range, a missing input field) is the client's bad
 * input, not a bad document: BAD_USER_INPUT naming the argument path. Field suggestions ("Did you
 * mean …") are cut unless `keepSuggestions`.
 */
export function formatInputError(
  formatted: GraphQLFormattedError,
  error: unknown,
  keepSuggestions = false,
): GraphQLFormattedError {
  let result = formatted;
  const original = error as { nodes?: readonly ASTNode[] } | undefined;
  const node = original?.nodes?.[0];
  let field = node ? literalPaths.get(node) : undefined;
  if (field !== undefined && formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED') {
    // A missing input field is reported on its object: name the field itself.
    const missing = /^Field "\w+\.(\w+)" of required type/.exec(formatted.message)?.[1];
    if (missing) field = joinPath(field, missing);
    const message = formatted.message.replace(/^Expected value of type "[^"]+", found [^;]*; /, '');
    const extensions = { ...formatted.extensions, code: 'BAD_USER_INPUT', field };
    delete (extensions as Record<string, unknown>).http;
    result = { ...formatted, message: message.startsWith(`${field}:`) ? message : `${field}: ${message}`, extensions };
  }
  if (!keepSuggestions && / Did you mean /.test(result.message))
    result = { ...result, message: result.message.replace(/ ?Did you mean .*$/s, '') };
  return result;
}
