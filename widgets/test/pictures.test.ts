// The pictures' data shaping, colour classes and number formatting (pure functions, no browser).
import { buildMatrix, inside, measureOf, sortedTies, strength, type Tie } from '../src/pictures/cooperation-data.js';
import { type Flow, niceTicks, parseGroupBy, shapeFlows, toMinor } from '../src/pictures/flows-data.js';
import { cooperationQuery, fundingFlowsQuery } from '../src/pictures/queries.js';
import { formatMoney, parseLang } from '../src/core/i18n.js';
import { classLabel, classOf, colourOf, strengthClasses } from '../src/pictures/scale.js';

const tie = (a: string, b: string, partnerships: number, grants = 0, events = 0): Tie => ({
  a: { code: a, name: `unit ${a}` },
  b: { code: b, name: `unit ${b}` },
  partnerships,
  grants,
  events,
});

describe('cooperation matrix', () => {
  const ties = [tie('1401', '1465', 2, 1, 0), tie('1401', '0201', 0, 0, 1), tie('1412', '1465', 0, 3, 0)];

  test('units inside the territory come first by code, outside ones after; cells are symmetric', () => {
    const m = buildMatrix(ties, '14');
    expect(m.units.map((u) => [u.code, u.inside])).toEqual([
      ['1401', true],
      ['1412', true],
      ['1465', true],
      ['0201', false],
    ]);
    const at = (a: string, b: string) =>
      m.cells[m.units.findIndex((u) => u.code === a)][m.units.findIndex((u) => u.code === b)];
    expect(at('1401', '1465')).toBe(ties[0]);
    expect(at('1465', '1401')).toBe(ties[0]);
    expect(at('0201', '1401')).toBe(ties[1]);
    expect(at('1401', '1412')).toBeNull();
    expect(at('1401', '1401')).toBeNull();
    expect(m.max).toBe(3);
    expect(m.hidden).toBe(0);
  });

  test('the measure decides strength, the maximum and which units stay when there are too many', () => {
    expect(strength(ties[0], 'total')).toBe(3);
    expect(strength(ties[0], 'grants')).toBe(1);
    const events = buildMatrix(ties, '14', 'events', 2);
    expect(events.units.map((u) => u.code)).toEqual(['1401', '0201']);
    expect(events.hidden).toBe(2);
    expect(events.max).toBe(1);
    const grants = buildMatrix(ties, '14', 'grants', 2);
    expect(grants.units.map((u) => u.code)).toEqual(['1412', '1465']);
    expect(grants.max).toBe(3);
  });

  test('the whole country "PL" holds every unit; unknown measures fall back to the total', () => {
    expect(inside('0201', 'PL')).toBe(true);
    expect(inside('0201', '14')).toBe(false);
    expect(buildMatrix(ties, 'PL').units.every((u) => u.inside)).toBe(true);
    expect(measureOf('grants')).toBe('grants');
    expect(measureOf('bogus')).toBe('total');
    expect(measureOf(null)).toBe('total');
  });

  test('the table lists ties strongest first', () => {
    expect(sortedTies(ties).map((t) => `${t.a.code}-${t.b.code}`)).toEqual(['1401-1465', '1412-1465', '1401-0201']);
    expect(sortedTies(ties, 'events')[0]).toBe(ties[1]);
  });
});

describe('strength classes', () => {
  test('small maxima get one class per count, on the dark end of the palette', () => {
    expect(strengthClasses(3)).toEqual([
      { from: 1, to: 1, index: 3 },
      { from: 2, to: 2, index: 4 },
      { from: 3, to: null, index: 5 },
    ]);
    expect(strengthClasses(0)).toEqual([]);
  });

  test('large maxima get nice, increasing lower bounds starting at 1 that cover every count', () => {
    for (const max of [6, 12, 40, 137, 1000, 25000]) {
      const classes = strengthClasses(max);
      expect(classes.length).toBeGreaterThanOrEqual(3);
      expect(classes.length).toBeLessThanOrEqual(5);
      expect(classes[0].from).toBe(1);
      expect(classes[classes.length - 1].to).toBeNull();
      expect(classes[classes.length - 1].index).toBe(5);
      for (let i = 1; i < classes.length; i++) {
        expect(classes[i].from).toBeGreaterThan(classes[i - 1].from);
        expect(classes[i - 1].to).toBe(classes[i].from - 1);
      }
      // Every count from 1 to max falls in exactly one class, in order.
      let last = 0;
      for (let v = 1; v <= max; v += Math.ceil(max / 97)) {
        const c = classOf(v, classes)!;
        expect(c.from).toBeLessThanOrEqual(v);
        expect(c.to === null || v <= c.to).toBe(true);
        expect(c.index).toBeGreaterThanOrEqual(last);
        last = c.index;
      }
    }
    expect(strengthClasses(100).map(classLabel)).toEqual(['1–2', '3–4', '5–19', '20–49', '50+']);
  });

  test('zero has its own colour; colours are overridable custom properties', () => {
    const classes = strengthClasses(3);
    expect(classOf(0, classes)).toBeNull();
    expect(colourOf(0, classes)).toBe('var(--ngo-hub-scale-0, #f4f4f4)');
    expect(colourOf(3, classes)).toBe('var(--ngo-hub-scale-5, #08519c)');
    expect(colourOf(99, classes)).toBe('var(--ngo-hub-scale-5, #08519c)');
  });
});

const flow = (over: Partial<Flow>): Flow => ({
  currency: 'PLN',
  grants: 1,
  grantsWithoutAmount: 0,
  amountAwarded: '0.00',
  territory: { code: '1465', name: 'Warszawa' },
  ...over,
});

describe('funding flows', () => {
  const fA = { id: 'f1', name: 'Fundusz A' };
  const fB = { id: 'f2', name: 'Fundusz B' };
  const radom = { code: '1462', name: 'Radom' };

  test('decimal strings become exact minor units', () => {
    expect(toMinor('1234.50')).toBe(123450);
    expect(toMinor('0.1')).toBe(10);
    expect(toMinor('7')).toBe(700);
    expect(toMinor('0.00')).toBe(0);
    expect(toMinor('10.005')).toBe(1001);
    // Summing minor units is exact where floats are not (0.1 + 0.2).
    expect(toMinor('0.10') + toMinor('0.20')).toBe(30);
  });

  test('group-by keeps known stacking keys once; TERRITORY is always the bars', () => {
    expect(parseGroupBy('funder, YEAR,year,TERRITORY,bogus')).toEqual(['FUNDER', 'YEAR']);
    expect(parseGroupBy('')).toEqual([]);
    expect(parseGroupBy(null)).toEqual([]);
  });

  test('bars per unit, largest first, stacked by funder and year; currencies never added', () => {
    const flows: Flow[] = [
      flow({ funder: fA, year: 2024, amountAwarded: '100.10' }),
      flow({ funder: fB, year: 2024, amountAwarded: '50.00', grants: 2 }),
      flow({ funder: fA, year: 2024, territory: radom, amountAwarded: '300.00' }),
      flow({ funder: fA, year: 2023, territory: radom, currency: 'EUR', amountAwarded: '10.00' }),
      flow({ funder: fB, year: null, territory: null, amountAwarded: '1.00', grantsWithoutAmount: 1, grants: 2 }),
      flow({ currency: null, grants: 3, grantsWithoutAmount: 3 }),
    ];
    const picture = shapeFlows(flows, ['FUNDER', 'YEAR'], 'pl');
    expect(picture.withoutAmount).toBe(3);
    expect(picture.charts.map((c) => c.currency)).toEqual(['PLN', 'EUR']);
    const pln = picture.charts[0];
    expect(pln.bars.map((b) => [b.name, b.minor, b.grants])).toEqual([
      ['Radom', 30000, 1],
      ['Warszawa', 15010, 3],
      ['Siedziba powyżej poziomu', 100, 2],
    ]);
    expect(pln.max).toBe(30000);
    expect(pln.withoutAmount).toBe(1);
    expect(pln.series.map((x) => [x.label, x.minor])).toEqual([
      ['Fundusz A · 2024', 40010],
      ['Fundusz B · 2024', 5000],
      ['Fundusz B · Rok nieznany', 100],
    ]);
    expect(pln.bars[1].segments.map((x) => [x.series, x.minor])).toEqual([
      ['f:f1|y:2024', 10010],
      ['f:f2|y:2024', 5000],
    ]);
    expect(picture.charts[1].bars).toEqual([
      {
        code: '1462',
        name: 'Radom',
        minor: 1000,
        grants: 1,
        segments: [{ series: 'f:f1|y:2023', minor: 1000, grants: 1 }],
      },
    ]);
  });

  test('beyond the series limit the smallest merge into "others"; years alone run in order', () => {
    const flows = [2019, 2020, 2021, 2022].map((year, i) => flow({ year, amountAwarded: String((i + 1) * 10) }));
    const merged = shapeFlows(flows, ['YEAR'], 'en', 3);
    expect(merged.charts[0].series.map((x) => [x.label, x.minor, x.colour])).toEqual([
      ['2019', 1000, 0],
      ['2020', 2000, 1],
      ['Others', 7000, 8],
    ]);
    expect(merged.charts[0].bars[0].segments.map((x) => x.minor)).toEqual([1000, 2000, 7000]);
    const all = shapeFlows(flows, ['YEAR'], 'en');
    expect(all.charts[0].series.map((x) => x.label)).toEqual(['2019', '2020', '2021', '2022']);
    expect(shapeFlows(flows, [], 'en').charts[0].series).toEqual([
      { key: 'all', label: 'All grants', minor: 10000, colour: 0 },
    ]);
  });

  test('axis ticks are round and reach the maximum', () => {
    expect(niceTicks(0)).toEqual([0]);
    expect(niceTicks(30000)).toEqual([0, 10000, 20000, 30000]);
    expect(niceTicks(123456)).toEqual([0, 50000, 100000, 150000]);
    const ticks = niceTicks(987654321);
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(987654321);
    expect(ticks.length).toBeLessThanOrEqual(5);
  });
});

describe('language and money', () => {
  test('Polish by default, English on "en"', () => {
    expect(parseLang(null)).toBe('pl');
    expect(parseLang('de')).toBe('pl');
    expect(parseLang('en')).toBe('en');
    expect(parseLang('en-GB')).toBe('en');
  });

  test('amounts are formatted per language with the currency', () => {
    const nbsp = (x: string) => x.replace(/[\u00a0\u202f]/g, ' ');
    expect(nbsp(formatMoney(1234567.89, 'PLN', 'pl'))).toBe('1 234 567,89 zł');
    expect(nbsp(formatMoney(1234567.89, 'PLN', 'en'))).toBe('PLN 1,234,567.89');
    expect(nbsp(formatMoney(10, 'EUR', 'pl'))).toBe('10,00 €');
    expect(nbsp(formatMoney(10, 'X1', 'pl'))).toBe('10,00 X1');
    // The calls' budgets in whole units, the axis ticks compact.
    expect(nbsp(formatMoney(1234.56, 'PLN', 'pl', 'whole'))).toBe('1235 zł');
    expect(nbsp(formatMoney(1234567, 'PLN', 'pl', 'compact'))).toBe('1,2 mln zł');
    expect(nbsp(formatMoney(1234567, 'PLN', 'en', 'compact'))).toBe('PLN 1.2m');
  });
});

describe('queries', () => {
  test('the year window is sent only when set, so older gateways keep answering', () => {
    expect(cooperationQuery({})).not.toMatch(/Year/);
    expect(cooperationQuery({ fromYear: 2020 })).toMatch(/\$fromYear: Int\b[\s\S]*fromYear: \$fromYear/);
    const q = fundingFlowsQuery(['YEAR'], { toYear: 2024 });
    expect(q).toMatch(/toYear: \$toYear/);
    expect(q).toMatch(/\byear\b/);
    expect(q).not.toMatch(/funder/);
    expect(fundingFlowsQuery(['FUNDER', 'PROGRAMME'], {})).toMatch(/funder \{ id name \} programme \{ id name \}/);
  });
});
