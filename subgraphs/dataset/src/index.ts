export { loadNational, type LoadOptions, type LoadSummary, LOADED_TABLES, SCHEMAS } from './load.js';
export { scaleCounts, FULL_SCALE, MIN_SCALE, MAX_SCALE, type ScaleCounts } from './scale.js';
export { buildWorld, type World } from './world.js';
