import { AppError } from './errors.js';
import { describeIdentity, type Identity } from './identity.js';
import { territoryPrefixes } from './teryt.js';

/**
 * What an identity may do, decided in the subgraph that owns the data. A resolver names the action
 * and the one condition (besides ADMIN, who may do everything) under which it is allowed; this file
 * turns the answer into the hub's errors: no identity → UNAUTHENTICATED, the wrong one → FORBIDDEN
 * saying what was needed. Call it inside the write's transaction, before anything is written, when
 * the condition depends on stored data (an event's organisers): a refusal then writes nothing.
 */
export interface Viewer {
  /** Null for an anonymous caller. */
  viewer: Identity | null;
}

export interface Requirement {
  /** The operation, as the schema names it: `updateOrganisation`. */
  action: string;
  /** Who besides ADMIN may, in words: `the ORGANISATION_EDITOR of organisation 123`. */
  needs?: string;
  /** Besides ADMIN, whether this identity may; absent = ADMIN only. */
  allows?: (viewer: Identity) => boolean;
  /** The argument or input field the decision turned on, for `extensions.field`. */
  field?: string;
}

/** The caller's identity, or UNAUTHENTICATED saying how to send one. */
export function requireViewer(context: Viewer, action: string): Identity {
  if (context.viewer) return context.viewer;
  throw new AppError(
    'UNAUTHENTICATED',
    `${action} needs a credential: send Authorization: Bearer <API key> (see the README, "Keys and roles")`,
  );
}

/** Returns the identity when it may do `requirement.action`; otherwise throws UNAUTHENTICATED or FORBIDDEN. */
export function authorize(context: Viewer, requirement: Requirement): Identity {
  const viewer = requireViewer(context, requirement.action);
  if (viewer.role === 'ADMIN' || requirement.allows?.(viewer)) return viewer;
  const needs = requirement.needs ? `ADMIN or ${requirement.needs}` : 'ADMIN';
  throw new AppError(
    'FORBIDDEN',
    `${requirement.action} needs ${needs}; this credential is ${describeIdentity(viewer)}`,
    requirement.field,
    { needs },
  );
}

/** The identity edits organisation `id`. */
export const editsOrganisation = (viewer: Identity | null, id: string | null | undefined): boolean =>
  viewer?.role === 'ORGANISATION_EDITOR' && !!id && viewer.organisationId === id;

/** The identity is on the coordination team of partnership `id`. */
export const coordinates = (viewer: Identity | null, id: string | null | undefined): boolean =>
  viewer?.role === 'COORDINATOR' && !!id && viewer.partnershipId === id;

/** The identity is an officer of funder `id` and `territory` lies within its territories. */
export const actsForFunder = (
  viewer: Identity | null,
  funderId: string | null | undefined,
  territory: string | null | undefined,
): boolean =>
  viewer?.role === 'FUNDER_OFFICER' &&
  !!funderId &&
  viewer.funderId === funderId &&
  withinTerritories(viewer.territories, territory);

/** True when TERC `code` lies inside one of `territories` (a gmina covers its parts and districts), or there is no limit. */
export function withinTerritories(territories: readonly string[], code: string | null | undefined): boolean {
  if (territories.length === 0) return true;
  return !!code && territories.some((territory) => territoryPrefixes(territory).some((p) => code.startsWith(p)));
}

export const isAdmin = (viewer: Identity | null): boolean => viewer?.role === 'ADMIN';
