import { buildFederatedSchema } from '@ngo-hub/kit';
import { ApiKeyResolver, ViewerResolver } from './modules/api-key/api-key.resolver.js';
import { AuditResolver } from './modules/audit/audit.resolver.js';

/** The access subgraph schema: API keys, the caller's own identity, the audit trail. */
export function buildAccessSchema() {
  return buildFederatedSchema({ resolvers: [ApiKeyResolver, ViewerResolver, AuditResolver] });
}
