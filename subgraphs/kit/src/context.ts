import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from './errors.js';
import type { SqlTally } from './sql-counter.js';

/** What every resolver receives: a forked EntityManager and the request's own loaders. */
export interface SubgraphContext<L = unknown> {
  em: EntityManager;
  loaders: L;
  tally: SqlTally;
  /** True when the request carried the admin bearer token; only then are mutations allowed. */
  isAdmin: boolean;
  /** True for the gateway and the other subgraphs (INTERNAL_TOKEN, or loopback without one): only they may use `_entities`/`_service`. */
  internal?: boolean;
}

/** Guards a mutation: writes need the admin token so a public portal cannot change the register. */
export function assertAdmin(context: SubgraphContext): void {
  if (!context.isAdmin) {
    throw new AppError('FORBIDDEN', 'This mutation needs an admin token (Authorization: Bearer <ADMIN_TOKEN>)');
  }
}
