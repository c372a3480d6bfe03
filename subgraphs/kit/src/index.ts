import 'reflect-metadata';

export * from './errors.js';
export * from './env.js';
export * from './logger.js';
export * from './tracing.js';
export * from './ids.js';
export * from './demo.js';
export * from './record-source.js';
export * from './identifiers.js';
export * from './teryt.js';
export * from './territory-level.js';
export * from './labels.js';
export * from './sql-counter.js';
export * from './orm.js';
export * from './loaders.js';
export * from './pagination.js';
export * from './listing/index.js';
export * from './sql.js';
export * from './rows.js';
export * from './result-cache.js';
export * from './search.js';
export * from './scalars.js';
export * from './validation.js';
export * from './input.js';
export * from './context.js';
export * from './identity.js';
export * from './access.js';
export * from './audit.js';
export * from './contact-person.js';
export * from './schema.js';
export * from './limits.js';
export * from './exposure.js';
export * from './server.js';
export * from './metrics.js';
export * from './service.js';
export {
  applyIntegrationBatch,
  HttpPush,
  OutboxDelivery,
  type IntegrationBatch,
  type IntegrationMessage,
  type IntegrationTransport,
  type OutboxOptions,
} from './integration.js';
export { JetStreamTransport, type JetStreamTransportOptions } from './jetstream.js';
export * from './topics.js';
export * from './references.js';
export { integrationMigration, outboxPendingMigration } from './migrations/integration.js';
export { jobsMigration } from './migrations/jobs.js';
export * from './jobs.js';
export { knownIdsMigration, redeliverMigration } from './migrations/references.js';
export { touchParentSql, updatedAtFunctionsSql, updatedAtTriggerSql } from './migrations/updated-at.js';
