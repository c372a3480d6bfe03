import { actsForFunder, authorize, type Identity, type Viewer } from '@ngo-hub/kit';

/** What a funder-scoped write is checked on, and the input paths to name when it is refused. */
export interface FunderScope {
  funderId: string;
  /** TERC code the officer's territories must contain (a call's territory, a recipient's seat). */
  territory: string | null;
  /** Path of the funder in the request (`input.funderId`, or `id` when it is the stored record's). */
  funderField: string;
  /** Path of the territory in the request (`input.territory`, `input.recipientId`, or `id`). */
  territoryField: string;
  /** The territory in words, for the message: `the call's territory`. */
  territoryName: string;
}

/**
 * Lets ADMIN, or the FUNDER_OFFICER of `scope.funderId` whose territories contain `scope.territory`,
 * through; anyone else gets FORBIDDEN naming the field that decided it (the funder, or the
 * territory when only that is wrong). Call it inside the write's transaction, before writing.
 */
export function authorizeForFunder(context: Viewer, action: string, scope: FunderScope): Identity {
  const ownFunder = context.viewer?.role === 'FUNDER_OFFICER' && context.viewer.funderId === scope.funderId;
  return authorize(context, {
    action,
    needs: `the FUNDER_OFFICER of funder ${scope.funderId} with ${scope.territoryName} within its territories`,
    allows: (viewer) => actsForFunder(viewer, scope.funderId, scope.territory),
    field: ownFunder ? scope.territoryField : scope.funderField,
  });
}

/** Refuses, before any input is read, callers that could never do `action`: anonymous ones and roles other than ADMIN and FUNDER_OFFICER. */
export function authorizeFunderRole(context: Viewer, action: string): Identity {
  return authorize(context, {
    action,
    needs: 'a FUNDER_OFFICER of the funder',
    allows: (viewer) => viewer.role === 'FUNDER_OFFICER',
  });
}
