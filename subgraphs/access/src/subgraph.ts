import { combineHandlers, knownIdsHandlers, type SubgraphDefinition } from '@ngo-hub/kit';
import { SUBGRAPH_DEFAULT_PORTS } from '@ngo-hub/kit/roster';
import { migrations } from './migrations/index.js';
import { ApiKeyEntity } from './modules/api-key/api-key.entity.js';
import { credentialsRoute } from './modules/api-key/credentials.route.js';
import { AuditEntryEntity } from './modules/audit/audit-entry.entity.js';
import { auditInbox } from './modules/audit/audit.inbox.js';
import { buildAccessSchema } from './schema.js';

/**
 * Credentials and the audit trail (docs/access.md). It owns no register data: it keeps the ids of the
 * organisations, partnerships and funders a key may be bound to, and every subgraph's audit entries,
 * from their owners' topics.
 */
export const accessSubgraph: SubgraphDefinition<Record<string, never>> = {
  name: 'access',
  defaultPort: SUBGRAPH_DEFAULT_PORTS.access,
  database: { schema: 'access', entities: [ApiKeyEntity, AuditEntryEntity], migrations },
  buildSchema: buildAccessSchema,
  createLoaders: () => ({}),
  routes: credentialsRoute,
  integration: {
    handlers: combineHandlers(knownIdsHandlers('access', ['organisation', 'partnership', 'funder']), auditInbox),
  },
};
