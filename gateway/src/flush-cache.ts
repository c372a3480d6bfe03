#!/usr/bin/env node
import { DEFAULT_CACHE_PREFIX, flushSharedResponseCache } from './response-store.js';

/**
 * `REDIS_URL=… node gateway/dist/flush-cache.js`: empties the shared response cache (namespace
 * RESPONSE_CACHE_PREFIX) after a change that wrote no audit entry — SQL run by hand, a restore.
 */
const url = process.env.REDIS_URL;
if (!url) {
  console.error('REDIS_URL is required');
  process.exit(2);
}
const removed = await flushSharedResponseCache(url, process.env.RESPONSE_CACHE_PREFIX || DEFAULT_CACHE_PREFIX);
console.log(`shared response cache flushed: ${removed} keys`);
