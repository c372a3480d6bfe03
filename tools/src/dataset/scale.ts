/** The full national data set; `--scale` multiplies every count. */
export const FULL_SCALE = {
  organisations: 100_000,
  partnerships: 10_000,
  memberships: 150_000,
  events: 1_000_000,
  grants: 300_000,
} as const;

export type ScaleCounts = { -readonly [K in keyof typeof FULL_SCALE]: number };

/** The smallest scale that still gives every partnership enough organisations to choose from. */
export const MIN_SCALE = 0.0005;
/** NIP/REGON/KRS are numbered from the organisation index in 6 digits. */
export const MAX_SCALE = 9;

/**
 * The row counts of the main tables at `scale`: what the loader writes and what the test expects.
 * Every partnership has at least 3 members, so memberships never fall below 3 per partnership.
 */
export function scaleCounts(scale: number): ScaleCounts {
  if (!(scale >= MIN_SCALE && scale <= MAX_SCALE))
    throw new Error(`--scale must be between ${MIN_SCALE} and ${MAX_SCALE}`);
  const n = (full: number) => Math.max(1, Math.round(full * scale));
  const partnerships = n(FULL_SCALE.partnerships);
  return {
    organisations: n(FULL_SCALE.organisations),
    partnerships,
    memberships: Math.max(3 * partnerships, n(FULL_SCALE.memberships)),
    events: n(FULL_SCALE.events),
    grants: n(FULL_SCALE.grants),
  };
}
