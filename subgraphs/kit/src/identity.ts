import { hkdfSync } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/**
 * Who is calling, as the gateway verified it, and how it travels to the subgraphs. The gateway checks
 * the caller's credential (ADMIN_TOKEN, an API key, an identity provider's access token) and sends the
 * result in `x-hub-identity`: a JWT signed with a key derived from INTERNAL_TOKEN, valid for one
 * minute. A subgraph trusts nothing else: the raw credential never reaches it, and an identity it
 * cannot verify is refused. The subgraph that owns the data decides what the identity may do
 * (access.ts). A light entry point (`@ngo-hub/kit/identity`): no ORM, no GraphQL.
 */

export const API_KEY_ROLES = ['ADMIN', 'ORGANISATION_EDITOR', 'COORDINATOR', 'FUNDER_OFFICER', 'PORTAL'] as const;
export type Role = (typeof API_KEY_ROLES)[number];

export interface Identity {
  /** Stable and unique: `key:<api key id>`, `jwt:<subject>` or `admin-token`; the audit trail's actor. */
  subject: string;
  /** What a person reads in the audit trail: the key's name, the token's name, or `ADMIN_TOKEN`. */
  name: string;
  role: Role;
  /** The organisation an ORGANISATION_EDITOR edits. */
  organisationId: string | null;
  /** The partnership whose coordination team a COORDINATOR belongs to. */
  partnershipId: string | null;
  /** The funder a FUNDER_OFFICER works for. */
  funderId: string | null;
  /** TERC prefixes a FUNDER_OFFICER or PORTAL is limited to; empty means no limit. */
  territories: string[];
}

export const IDENTITY_HEADER = 'x-hub-identity';
export const IDENTITY_LIFETIME_SECONDS = 60;
const ISSUER = 'ngo-hub-gateway';
const AUDIENCE = 'ngo-hub-subgraphs';

const identitySchema = z.object({
  subject: z.string().min(1),
  name: z.string(),
  role: z.enum(API_KEY_ROLES),
  organisationId: z.string().nullable(),
  partnershipId: z.string().nullable(),
  funderId: z.string().nullable(),
  territories: z.array(z.string()),
});

const keys = new Map<string, Uint8Array>();
/** A key of its own for identities, derived from INTERNAL_TOKEN: one secret for operators to manage. */
function signingKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync('sha256', secret, 'ngo-hub', 'x-hub-identity v1', 32));
    keys.set(secret, key);
  }
  return key;
}

/** The `x-hub-identity` value for `identity`, signed with `secret` (INTERNAL_TOKEN). */
export function signIdentity(identity: Identity, secret: string): Promise<string> {
  return new SignJWT({ ...identitySchema.parse(identity) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${IDENTITY_LIFETIME_SECONDS}s`)
    .sign(signingKey(secret));
}

/** The identity in an `x-hub-identity` value, or null when it is not signed with `secret`, has expired or is malformed. */
export async function verifyIdentity(token: string, secret: string | undefined): Promise<Identity | null> {
  if (!secret) return null;
  try {
    const { payload } = await jwtVerify(token, signingKey(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      clockTolerance: 5,
    });
    const parsed = identitySchema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The identity ADMIN_TOKEN stands for. */
export const ADMIN_TOKEN_IDENTITY: Identity = {
  subject: 'admin-token',
  name: 'ADMIN_TOKEN',
  role: 'ADMIN',
  organisationId: null,
  partnershipId: null,
  funderId: null,
  territories: [],
};

/** How an error names a credential: its role and what it is bound to. */
export function describeIdentity(identity: Identity): string {
  const scope = identity.organisationId
    ? ` of organisation ${identity.organisationId}`
    : identity.partnershipId
      ? ` of partnership ${identity.partnershipId}`
      : identity.funderId
        ? ` of funder ${identity.funderId}`
        : '';
  const area = identity.territories.length ? ` in ${identity.territories.join(', ')}` : '';
  return `${identity.role}${scope}${area}`;
}
