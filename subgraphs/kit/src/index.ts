import 'reflect-metadata';

export * from './errors.js';
export * from './env.js';
export * from './logger.js';
export * from './ids.js';
export * from './demo.js';
export * from './identifiers.js';
export * from './teryt.js';
export * from './sql-counter.js';
export * from './orm.js';
export * from './loaders.js';
export * from './pagination.js';
export * from './scalars.js';
export * from './validation.js';
export * from './context.js';
export * from './schema.js';
export * from './server.js';
export * from './service.js';
