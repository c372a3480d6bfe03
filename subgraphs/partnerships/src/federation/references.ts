import type { ReferenceResolvers, SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../loaders.js';

type Context = SubgraphContext<Loaders>;

/** `__resolveReference` of every entity the router may ask this subgraph for. */
export const references: ReferenceResolvers = {
  Partnership: (ref: { id: string }, ctx: Context) => ctx.loaders.partnership.load(ref.id),
  // A stub: its key is all this subgraph knows, and all the added fields need.
  Organisation: (ref: { id: string }) => ({ id: ref.id }),
  // Also a stub: an unknown code simply has no partnerships.
  Territory: (ref: { code: string }) => ({ code: ref.code }),
};
