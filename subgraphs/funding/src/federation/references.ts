import type { ReferenceResolvers, SubgraphContext } from '@ngo-hub/kit';
import type { Loaders } from '../loaders.js';
import { organisationRef } from './organisation.stub.js';
import { partnershipRef } from './partnership.stub.js';
import { territoryRef } from './territory.stub.js';

type Context = SubgraphContext<Loaders>;

/** `__resolveReference` of every entity the router may ask this subgraph for. */
export const references: ReferenceResolvers = {
  Funder: (ref: { id: string }, ctx: Context) => ctx.loaders.funder.load(ref.id),
  Programme: (ref: { id: string }, ctx: Context) => ctx.loaders.programme.load(ref.id),
  Call: (ref: { id: string }, ctx: Context) => ctx.loaders.call.load(ref.id),
  Grant: (ref: { id: string }, ctx: Context) => ctx.loaders.grant.load(ref.id),
  // Stubs: the key is all this subgraph needs to resolve the fields it adds.
  Organisation: (ref: { id: string }) => organisationRef(ref.id),
  Partnership: (ref: { id: string }) => partnershipRef(ref.id),
  Territory: (ref: { code: string }) => territoryRef(ref.code),
};
