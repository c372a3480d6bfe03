import type { Db } from './orm.js';
import type { Identity } from './identity.js';
import type { SqlTally } from './sql-counter.js';

/** What every resolver receives: the request's own database context and loaders, and who is calling. */
export interface SubgraphContext<L = unknown> {
  em: Db;
  loaders: L;
  tally: SqlTally;
  /** The identity the gateway vouched for (`x-hub-identity`, identity.ts); null for an anonymous caller. */
  viewer: Identity | null;
  /** True for the gateway and the other subgraphs (INTERNAL_TOKEN, or loopback without one): only they may use `_entities`/`_service`. */
  internal?: boolean;
}
