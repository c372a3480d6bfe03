import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The error codes a client can rely on; they travel in `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'QUERY_TIMEOUT'
  | 'INTERNAL_SERVER_ERROR';

/**
 * The one error type of the hub. `field` names the offending argument or input field
 * (dot path, e.g. `input.identifiers.0.value`) so a form can point at it.
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, field?: string, details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...(field ? { field } : {}), ...details } });
    this.name = 'AppError';
  }

  static badInput(field: string, message: string): AppError {
    return new AppError('BAD_USER_INPUT', message, field);
  }

  static notFound(what: string, id: string, field = 'id'): AppError {
    return new AppError('NOT_FOUND', `${what} ${id} does not exist`, field);
  }
}

const PUBLIC_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'QUERY_TIMEOUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
]);

/**
 * Apollo `formatError`: errors with a public code pass through; anything else is an
 * unexpected failure, logged in full by the caller and masked here so internals never leak.
 */
export function maskUnexpectedError(
  formatted: GraphQLFormattedError,
  alsoPublic?: ReadonlySet<string>,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && (PUBLIC_CODES.has(code) || alsoPublic?.has(code))) return formatted;
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** PostgreSQL's `query_canceled` (statement_timeout), found anywhere in the error's cause chain. */
function isStatementTimeout(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; originalError?: unknown; cause?: unknown; message?: unknown } | undefined,
      depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (
      e.code === '57014' ||
      (typeof e.message === 'string' && e.message.includes('canceling statement due to statement timeout'))
    )
      return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

/**
 * A statement cancelled by STATEMENT_TIMEOUT_MS becomes a coded error the caller can act on, with no
 * SQL in it; undefined for any other error.
 */
export function statementTimeoutError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError | undefined {
  if (!isStatementTimeout(error)) return undefined;
  return {
    message:
      'The query took longer than the server allows and was cancelled; ask for less (smaller pages, fewer nested lists, a narrower filter)',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'QUERY_TIMEOUT' },
  };
}
