/** Colour classes for tie strength: zero has its own colour, positive counts fall into a few classes. */

/**
 * Sequential palette, light to dark (ColorBrewer "Blues", 5 classes), overridable per class through
 * `--ngo-hub-scale-1` … `--ngo-hub-scale-5`; the darkest stays distinguishable from the page.
 */
export const SCALE_COLOURS = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;
export const ZERO_COLOUR = '#f4f4f4';

/** One legend class: counts from `from` to `to` inclusive (`to` null = and above). */
export interface StrengthClass {
  from: number;
  to: number | null;
  /** 1-based index into the palette. */
  index: number;
}

const NICE = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000];

/**
 * Lower bounds of up to `classes` classes for positive integer counts up to `max`: one class per value
 * while they fit, else nice numbers spaced evenly on a log scale (tie counts are heavily skewed: many
 * ones and twos, a few strong pairs).
 */
export function strengthClasses(max: number, classes = SCALE_COLOURS.length): StrengthClass[] {
  if (!(max >= 1)) return [];
  const top = Math.floor(max);
  let bounds: number[];
  if (top <= classes) {
    bounds = Array.from({ length: top }, (_, i) => i + 1);
  } else {
    const set = new Set<number>([1]);
    for (let i = 1; i < classes; i++) {
      const target = top ** (i / classes);
      const nice = NICE.reduce((best, n) =>
        Math.abs(Math.log(n / target)) < Math.abs(Math.log(best / target)) ? n : best,
      );
      if (nice > 1 && nice <= top) set.add(nice);
    }
    bounds = [...set].sort((x, y) => x - y);
  }
  return bounds.map((from, i) => ({
    from,
    to: i + 1 < bounds.length ? bounds[i + 1] - 1 : null,
    // Few classes take the darker end so a single strong tie still reads as strong.
    index: classes - bounds.length + i + 1,
  }));
}

/** The class a count falls in (null for zero or below). */
export function classOf(value: number, scale: StrengthClass[]): StrengthClass | null {
  if (!(value >= 1)) return null;
  let found: StrengthClass | null = null;
  for (const c of scale) if (value >= c.from) found = c;
  return found;
}

/** CSS colour of a count: a custom property with the built-in palette as fallback. */
export function colourOf(value: number, scale: StrengthClass[]): string {
  const c = classOf(value, scale);
  if (!c) return `var(--ngo-hub-scale-0, ${ZERO_COLOUR})`;
  return `var(--ngo-hub-scale-${c.index}, ${SCALE_COLOURS[c.index - 1]})`;
}

/** Legend text of a class: "3", "3–4", "10+". */
export function classLabel(c: StrengthClass): string {
  if (c.to === null) return c.from === 1 ? '1+' : `${c.from}+`;
  return c.to === c.from ? String(c.from) : `${c.from}–${c.to}`;
}

/**
 * Categorical palette for series of a stacked bar (Okabe–Ito, safe for colour-blind readers), with
 * `--ngo-hub-series-1` … `--ngo-hub-series-8` overrides; the 9th colour is for "others".
 */
export const SERIES_COLOURS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#000000',
  '#999999',
] as const;

export function seriesColour(index: number): string {
  const i = Math.min(index, SERIES_COLOURS.length - 1);
  return `var(--ngo-hub-series-${i + 1}, ${SERIES_COLOURS[i]})`;
}
