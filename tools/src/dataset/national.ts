#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEFAULT_CACHE_PREFIX, flushSharedResponseCache } from '@ngo-hub/gateway';
import { loadNational } from './load.js';

/**
 * `npm run data:national -- [--scale 0.01] [--seed 20261123] [--today YYYY-MM-DD] [--reset] [--keep-indexes]`:
 * bulk-loads the national synthetic data set into the PostgreSQL at DATABASE_URL, dated against
 * `--today` (Warsaw's today by default: events ahead of it are upcoming, calls around it open).
 * A bulk load writes no audit entries, so with REDIS_URL set it empties the gateways' shared response
 * cache (namespace RESPONSE_CACHE_PREFIX) once the data is in.
 */
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: process.env.SCALE ?? '1' },
    seed: { type: 'string', default: process.env.SEED ?? '20261123' },
    today: { type: 'string' },
    reset: { type: 'boolean', default: false },
    'keep-indexes': { type: 'boolean', default: false },
  },
});

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required, e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ngo_hub_national');
  process.exit(2);
}
const scale = Number(values.scale);
const seed = Number(values.seed);
const today = values.today;
if (!Number.isFinite(scale) || !Number.isInteger(seed)) {
  console.error('--scale must be a number and --seed an integer');
  process.exit(2);
}
if (
  today !== undefined &&
  (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today)) || today < '2016-01-01')
) {
  console.error('--today must be a date YYYY-MM-DD from 2016 on');
  process.exit(2);
}

try {
  const summary = await loadNational({
    databaseUrl,
    scale,
    seed,
    today,
    reset: values.reset,
    keepIndexes: values['keep-indexes'],
    log: (line) => console.log(line),
  });
  console.log('\nrows:');
  for (const [table, n] of Object.entries(summary.rows))
    console.log(`  ${table.padEnd(42)} ${n.toLocaleString('en').padStart(11)}`);
  console.log('seconds per phase:');
  for (const p of summary.phases) console.log(`  ${p.name.padEnd(42)} ${p.seconds.toFixed(1).padStart(11)}`);
  console.log(`total: ${summary.totalSeconds.toFixed(1)} s`);
  if (process.env.REDIS_URL) {
    const removed = await flushSharedResponseCache(
      process.env.REDIS_URL,
      process.env.RESPONSE_CACHE_PREFIX || DEFAULT_CACHE_PREFIX,
    );
    console.log(`shared response cache flushed: ${removed} keys`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
