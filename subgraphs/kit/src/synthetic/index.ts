export * from './random.js';
export * from './words.js';
export * from './names.js';
export * from './demo-layer.js';
