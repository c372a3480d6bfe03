/** Shaping `fundingFlows` into bars per recipient unit, stacked by the other group keys, one chart per currency. */
import { type Lang, t } from '../core/i18n.js';

export type GroupKey = 'FUNDER' | 'PROGRAMME' | 'YEAR' | 'TERRITORY';
const KEYS: GroupKey[] = ['FUNDER', 'PROGRAMME', 'YEAR', 'TERRITORY'];

/** `group-by="FUNDER,YEAR"` → the stacking keys, known ones only, each once, in the given order (TERRITORY is always the bars). */
export function parseGroupBy(value: string | null | undefined): GroupKey[] {
  const out: GroupKey[] = [];
  for (const part of (value ?? '').split(/[\s,]+/)) {
    const key = part.trim().toUpperCase() as GroupKey;
    if (KEYS.includes(key) && key !== 'TERRITORY' && !out.includes(key)) out.push(key);
  }
  return out;
}

/** One flow as the API returns it. */
export interface Flow {
  funder?: { id: string; name: string } | null;
  programme?: { id: string; name: string } | null;
  year?: number | null;
  territory?: { code: string; name: string } | null;
  currency: string | null;
  grants: number;
  grantsWithoutAmount: number;
  amountAwarded: string;
}

/** An exact decimal string ("1234.5", "0.00") → integer minor units (123450), so sums stay exact. */
export function toMinor(decimal: string): number {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!m) return 0;
  const frac = (m[3] ?? '').padEnd(3, '0');
  const minor = Number(m[2] || '0') * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  return m[1] ? -minor : minor;
}

export interface Series {
  key: string;
  label: string;
  minor: number;
  /** Position in the categorical palette. */
  colour: number;
}

export interface Segment {
  series: string;
  minor: number;
  grants: number;
}

export interface Bar {
  code: string | null;
  name: string;
  minor: number;
  grants: number;
  segments: Segment[];
}

export interface CurrencyChart {
  currency: string;
  bars: Bar[];
  series: Series[];
  max: number;
  /** Grants in this currency whose amount is unknown (they add nothing). */
  withoutAmount: number;
}

export interface FlowsPicture {
  charts: CurrencyChart[];
  /** Grants without any known amount or currency. */
  withoutAmount: number;
}

const OTHERS = '__others__';

function seriesOf(flow: Flow, keys: GroupKey[], lang: Lang): { key: string; label: string; year: number | null } {
  if (keys.length === 0) return { key: 'all', label: t(lang, 'whole'), year: null };
  const parts: string[] = [];
  const labels: string[] = [];
  for (const k of keys) {
    if (k === 'FUNDER') {
      parts.push(`f:${flow.funder?.id ?? ''}`);
      labels.push(flow.funder?.name ?? t(lang, 'noFunder'));
    } else if (k === 'PROGRAMME') {
      parts.push(`p:${flow.programme?.id ?? ''}`);
      labels.push(flow.programme?.name ?? t(lang, 'noProgramme'));
    } else if (k === 'YEAR') {
      parts.push(`y:${flow.year ?? ''}`);
      labels.push(flow.year == null ? t(lang, 'noYear') : String(flow.year));
    }
  }
  return { key: parts.join('|'), label: labels.join(' · '), year: flow.year ?? null };
}

/**
 * Bars (recipient units, largest first) per currency, each split into series (combinations of the
 * stacking keys); beyond `maxSeries` series the smallest are merged into "others". Grouped by YEAR
 * alone, series run by year.
 */
export function shapeFlows(flows: Flow[], keys: GroupKey[], lang: Lang, maxSeries = 8): FlowsPicture {
  let withoutAmount = 0;
  const byCurrency = new Map<string, Flow[]>();
  for (const f of flows) {
    if (!f.currency) {
      withoutAmount += f.grants;
      continue;
    }
    const list = byCurrency.get(f.currency) ?? [];
    list.push(f);
    byCurrency.set(f.currency, list);
  }
  const charts: CurrencyChart[] = [];
  for (const [currency, list] of byCurrency) {
    const series = new Map<string, Series & { year: number | null }>();
    const bars = new Map<string, Bar>();
    const keyed: { flow: Flow; series: string; minor: number }[] = [];
    let missing = 0;
    for (const flow of list) {
      const s = seriesOf(flow, keys, lang);
      const minor = toMinor(flow.amountAwarded);
      missing += flow.grantsWithoutAmount;
      const known = series.get(s.key) ?? { key: s.key, label: s.label, minor: 0, colour: 0, year: s.year };
      known.minor += minor;
      series.set(s.key, known);
      keyed.push({ flow, series: s.key, minor });
    }
    const yearsOnly = keys.length === 1 && keys[0] === 'YEAR';
    const ordered = [...series.values()].sort((x, y) =>
      yearsOnly
        ? (x.year ?? Number.MAX_SAFE_INTEGER) - (y.year ?? Number.MAX_SAFE_INTEGER)
        : y.minor - x.minor || x.label.localeCompare(y.label),
    );
    const shown = ordered.length > maxSeries ? ordered.slice(0, maxSeries - 1) : ordered;
    const shownKeys = new Set(shown.map((s) => s.key));
    const finalSeries: Series[] = shown.map((s, i) => ({ key: s.key, label: s.label, minor: s.minor, colour: i }));
    if (shown.length < ordered.length) {
      const rest = ordered.slice(shown.length).reduce((sum, s) => sum + s.minor, 0);
      finalSeries.push({ key: OTHERS, label: t(lang, 'others'), minor: rest, colour: 8 });
    }
    for (const { flow, series: key, minor } of keyed) {
      const code = flow.territory?.code ?? null;
      const barKey = code ?? '';
      const bar = bars.get(barKey) ?? {
        code,
        name: flow.territory?.name ?? t(lang, 'noUnit'),
        minor: 0,
        grants: 0,
        segments: [],
      };
      const sKey = shownKeys.has(key) ? key : OTHERS;
      let seg = bar.segments.find((s) => s.series === sKey);
      if (!seg) {
        seg = { series: sKey, minor: 0, grants: 0 };
        bar.segments.push(seg);
      }
      seg.minor += minor;
      seg.grants += flow.grants;
      bar.minor += minor;
      bar.grants += flow.grants;
      bars.set(barKey, bar);
    }
    const order = new Map(finalSeries.map((s, i) => [s.key, i]));
    const barList = [...bars.values()].sort(
      (x, y) => y.minor - x.minor || (x.code ?? '\uffff').localeCompare(y.code ?? '\uffff'),
    );
    for (const b of barList) b.segments.sort((x, y) => order.get(x.series)! - order.get(y.series)!);
    charts.push({
      currency,
      bars: barList,
      series: finalSeries,
      max: barList.reduce((m, b) => Math.max(m, b.minor), 0),
      withoutAmount: missing,
    });
  }
  // PLN first (the hub's own money), then by code.
  charts.sort(
    (x, y) => Number(y.currency === 'PLN') - Number(x.currency === 'PLN') || x.currency.localeCompare(y.currency),
  );
  return { charts, withoutAmount };
}

/** Axis ticks: 0 and up to `count` round steps (1, 2, 2.5 or 5 × 10^n) covering `max`. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) {
    ticks.push(Math.round(v));
    if (v >= max) break;
  }
  return ticks;
}
