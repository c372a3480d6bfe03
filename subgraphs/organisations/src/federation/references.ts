import type { ReferenceResolvers, SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../loaders.js';

type Context = SubgraphContext<Loaders>;

/**
 * `__resolveReference` of every entity the router may ask this subgraph for. This subgraph owns
 * the types it adds fields to, so it has no stubs: `Organisation.cooperation` and the like are in modules/.
 */
export const references: ReferenceResolvers = {
  Organisation: (ref: { id: string }, ctx: Context) => ctx.loaders.organisation.load(ref.id),
  Territory: (ref: { code: string }, ctx: Context) => ctx.loaders.territory.load(ref.code),
};
