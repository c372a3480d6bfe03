export * from './fragment.js';
export * from './order.js';
export * from './list.js';
