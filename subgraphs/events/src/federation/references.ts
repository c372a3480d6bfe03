import type { ReferenceResolvers, SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../loaders.js';

type Context = SubgraphContext<Loaders>;

/** `__resolveReference` of every entity the router may ask this subgraph for. */
export const references: ReferenceResolvers = {
  Event: (ref: { id: string }, ctx: Context) => ctx.loaders.event.load(ref.id),
  // Stubs: the key is all this subgraph knows, so no data access is needed.
  Organisation: (ref: { id: string }) => ({ id: ref.id }),
  Partnership: (ref: { id: string }) => ({ id: ref.id }),
  Territory: (ref: { code: string }) => ({ code: ref.code }),
};
