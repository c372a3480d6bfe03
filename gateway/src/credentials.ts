import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { tokenMatches } from '@ngo-hub/kit/exposure';
import { ADMIN_TOKEN_IDENTITY, API_KEY_ROLES, type Identity } from '@ngo-hub/kit/identity';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';

/**
 * The gateway's one job in access control (docs/access.md): turn `Authorization: Bearer …` into an
 * identity, or refuse it. ADMIN_TOKEN is compared here; an API key is asked of the access subgraph
 * (`POST /internal/credentials`) and remembered briefly; an identity provider's access token is
 * verified against its JWKS. What the identity may do is decided by the subgraphs.
 */
export interface CredentialOptions {
  adminToken?: string;
  /** Base URL of the access subgraph (`http://127.0.0.1:4005`). */
  accessUrl?: string;
  /** Bearer of `/internal/credentials`. */
  internalToken?: string;
  /** Access tokens of an identity provider, when all three are set (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE). */
  jwt?: { jwksUrl: string; issuer: string; audience: string };
  /** How long a verified API key is remembered (API_KEY_CACHE_SECONDS). */
  cacheSeconds?: number;
}

/** A credential that cannot be accepted: the request is answered 401 (or 503 when the check itself failed). */
export class CredentialError extends Error {
  constructor(
    message: string,
    readonly status: 401 | 503 = 401,
  ) {
    super(message);
  }
}

/** The claims an identity provider's token carries for the hub (documented in docs/access.md). */
const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  ngo_hub_role: z.enum(API_KEY_ROLES),
  ngo_hub_organisation_id: z.string().optional(),
  ngo_hub_partnership_id: z.string().optional(),
  ngo_hub_funder_id: z.string().optional(),
  ngo_hub_territories: z.union([z.array(z.string()), z.string()]).optional(),
});

function identityOfClaims(payload: JWTPayload): Identity {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success)
    throw new CredentialError(
      `the access token lacks the hub's claims (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')})`,
    );
  const c = parsed.data;
  const territories =
    typeof c.ngo_hub_territories === 'string'
      ? c.ngo_hub_territories.split(/\s+/).filter(Boolean)
      : (c.ngo_hub_territories ?? []);
  return {
    subject: `jwt:${c.sub}`,
    name: c.name ?? c.preferred_username ?? c.sub,
    role: c.ngo_hub_role,
    organisationId: c.ngo_hub_organisation_id?.toLowerCase() ?? null,
    partnershipId: c.ngo_hub_partnership_id?.toLowerCase() ?? null,
    funderId: c.ngo_hub_funder_id?.toLowerCase() ?? null,
    territories,
  };
}

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const MAX_REMEMBERED = 10_000;

export class Credentials {
  private readonly remembered = new Map<string, { identity: Identity; until: number }>();
  private readonly jwks;

  constructor(private readonly options: CredentialOptions) {
    this.jwks = options.jwt ? createRemoteJWKSet(new URL(options.jwt.jwksUrl)) : undefined;
  }

  /** The identity of an `Authorization` header: null without one; CredentialError for one that is not accepted. */
  async identify(header: string | undefined): Promise<Identity | null> {
    if (header === undefined || header === '') return null;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new CredentialError('Authorization must be "Bearer <API key or access token>"');
    const token = match[1]!;
    if (tokenMatches(token, this.options.adminToken)) return ADMIN_TOKEN_IDENTITY;
    if (this.jwks && JWT_SHAPE.test(token)) return this.verifyJwt(token);
    return this.verifyApiKey(token);
  }

  /** Forgets every remembered key: after a revocation through this gateway, the next request asks again. */
  forget(): void {
    this.remembered.clear();
  }

  private async verifyJwt(token: string): Promise<Identity> {
    const { issuer, audience } = this.options.jwt!;
    try {
      const { payload } = await jwtVerify(token, this.jwks!, { issuer, audience, clockTolerance: 30 });
      return identityOfClaims(payload);
    } catch (error) {
      if (error instanceof CredentialError) throw error;
      throw new CredentialError(`the access token is not valid here: ${(error as Error).message}`);
    }
  }

  private async verifyApiKey(secret: string): Promise<Identity> {
    const digest = createHash('sha256').update(secret).digest('hex');
    const known = this.remembered.get(digest);
    if (known && known.until > Date.now()) return known.identity;
    const { accessUrl, internalToken } = this.options;
    if (!accessUrl) throw new CredentialError('API keys are not accepted: this gateway has no access subgraph', 503);
    let response: Response;
    try {
      response = await fetch(`${accessUrl}/internal/credentials`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(internalToken ? { authorization: `Bearer ${internalToken}` } : {}),
        },
        body: JSON.stringify({ secret }),
        signal: AbortSignal.timeout(3000),
      });
    } catch {
      throw new CredentialError(
        'the access service is unavailable, so the API key cannot be checked; retry shortly',
        503,
      );
    }
    if (response.status === 404) throw new CredentialError('unknown or revoked API key');
    if (!response.ok) throw new CredentialError('the API key cannot be checked right now; retry shortly', 503);
    const { identity } = (await response.json()) as { identity: Identity };
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(digest, { identity, until: Date.now() + (this.options.cacheSeconds ?? 5) * 1000 });
    return identity;
  }
}

/** After a successful `revokeApiKey` through this gateway, its memory of keys is emptied at once. */
export function forgetRevokedKeys(credentials: Credentials): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response }) {
          if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
          const data = response.body.singleResult.data as Record<string, unknown> | null | undefined;
          const revoked = operation.selectionSet.selections.some(
            (s) => s.kind === 'Field' && s.name.value === 'revokeApiKey' && data?.[(s.alias ?? s.name).value],
          );
          if (revoked) credentials.forget();
        },
      };
    },
  };
}
