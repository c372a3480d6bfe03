/** `<ngo-hub-cooperation territory level>`: a heat map of ties between units, strength by colour. */
import { query } from '../core/client.js';
import { h, s } from '../core/dom.js';
import { formatCount, type MessageKey } from '../core/i18n.js';
import {
  buildMatrix,
  type Matrix,
  type Measure,
  measureOf,
  sortedTies,
  strength,
  type Tie,
} from './cooperation-data.js';
import { PictureElement } from './picture.js';
import { cooperationQuery } from './queries.js';
import { classLabel, colourOf, strengthClasses } from './scale.js';

const CELL = 16;

const MEASURE_KEYS: Record<Measure, MessageKey> = {
  total: 'measureTotal',
  partnerships: 'measurePartnerships',
  grants: 'measureGrants',
  events: 'measureEvents',
};

export class CooperationElement extends PictureElement<Tie[]> {
  static override get observedAttributes(): string[] {
    return [...PictureElement.observedAttributes, 'measure', 'max-units'];
  }

  private active: [number, number] = [0, 1];

  protected override presentational(name: string): boolean {
    return super.presentational(name) || name === 'measure' || name === 'max-units';
  }

  get measure(): Measure {
    return measureOf(this.getAttribute('measure'));
  }

  get maxUnits(): number {
    const n = Number.parseInt(this.getAttribute('max-units') ?? '', 10);
    return n >= 2 ? n : 40;
  }

  protected caption(): string {
    return this.t('cooperationTitle');
  }

  protected async fetchData(signal: AbortSignal): Promise<Tie[]> {
    const window = this.yearWindow;
    const data = await query<{ cooperation: Tie[] }>(
      this.endpoint,
      cooperationQuery(window),
      { territory: this.territory, level: this.level, ...window },
      signal,
    );
    return data.cooperation;
  }

  protected isEmpty(ties: Tie[]): boolean {
    return !ties.some((t) => strength(t, this.measure) > 0);
  }

  protected emptyText(): string {
    return this.t('cooperationEmpty');
  }

  private summary(m: Matrix, i: number, j: number): string {
    const tie = m.cells[i][j];
    const a = m.units[i].name;
    const b = m.units[j].name;
    if (i === j) return a;
    if (!tie) return `${a} – ${b}: ${this.t('noTie')}`;
    return this.t('tieSummary', { a, b, p: tie.partnerships, g: tie.grants, e: tie.events });
  }

  protected renderChart(ties: Tie[]): Node {
    const m = buildMatrix(ties, this.territory, this.measure, this.maxUnits);
    const scale = strengthClasses(m.max);
    const n = m.units.length;
    const longest = Math.max(...m.units.map((u) => u.name.length));
    const label = Math.min(190, Math.max(60, longest * 6.2 + 8));
    const top = Math.round(label * 0.72) + 6;
    // Rotated column names reach up and to the right of the last column.
    const width = label + n * CELL + Math.round(label * 0.72) + 4;
    const height = top + n * CELL + 4;
    let [ai, aj] = this.active;
    if (ai >= n || aj >= n) [ai, aj] = [0, Math.min(1, n - 1)];
    this.active = [ai, aj];
    const info = h('p', { class: 'info', part: 'info', 'aria-live': 'polite' }, this.summary(m, ai, aj));
    const rowLabels: SVGElement[] = [];
    const colLabels: SVGElement[] = [];
    const cells: SVGElement[][] = [];

    const show = (i: number, j: number, focus: boolean) => {
      cells[this.active[0]]?.[this.active[1]]?.setAttribute('tabindex', '-1');
      for (const el of [...rowLabels, ...colLabels]) el.classList.remove('active');
      this.active = [i, j];
      const cell = cells[i][j];
      cell.setAttribute('tabindex', '0');
      rowLabels[i].classList.add('active');
      colLabels[j].classList.add('active');
      info.textContent = this.summary(m, i, j);
      if (focus) cell.focus();
    };

    const onKey = (event: KeyboardEvent) => {
      let [i, j] = this.active;
      switch (event.key) {
        case 'ArrowUp':
          i = Math.max(0, i - 1);
          break;
        case 'ArrowDown':
          i = Math.min(n - 1, i + 1);
          break;
        case 'ArrowLeft':
          j = Math.max(0, j - 1);
          break;
        case 'ArrowRight':
          j = Math.min(n - 1, j + 1);
          break;
        case 'Home':
          j = 0;
          break;
        case 'End':
          j = n - 1;
          break;
        default:
          return;
      }
      event.preventDefault();
      show(i, j, true);
    };

    const rows: SVGElement[] = [];
    m.units.forEach((u, i) => {
      const rowLabel = s(
        'text',
        { x: label - 4, y: top + i * CELL + CELL * 0.7, 'text-anchor': 'end', 'font-size': 11 },
        u.name,
      );
      const colLabel = s(
        'text',
        {
          x: 0,
          y: 0,
          'font-size': 11,
          transform: `translate(${label + i * CELL + CELL * 0.65},${top - 4}) rotate(-45)`,
        },
        u.name,
      );
      rowLabels.push(rowLabel);
      colLabels.push(colLabel);
      cells.push([]);
      m.units.forEach((_, j) => {
        const tie = m.cells[i][j];
        const value = tie ? strength(tie, this.measure) : 0;
        const text = this.summary(m, i, j);
        const cell = s(
          'rect',
          {
            class: 'cell',
            part: 'cell',
            x: label + j * CELL,
            y: top + i * CELL,
            width: CELL,
            height: CELL,
            fill: i === j ? 'var(--ngo-hub-background, #ffffff)' : colourOf(value, scale),
            tabindex: i === ai && j === aj ? 0 : -1,
            role: 'img',
            'aria-label': text,
            onfocus: () => show(i, j, false),
            onclick: () => show(i, j, true),
          },
          s('title', {}, text),
        );
        cells[i].push(cell);
        rows.push(cell);
      });
    });

    const svg = s(
      'svg',
      {
        part: 'matrix',
        viewBox: `0 0 ${width} ${height}`,
        role: 'group',
        'aria-label': this.t('matrixLabel'),
        style: `max-width: ${Math.round(width * 1.6)}px; min-width: ${Math.min(width, 24 * 16)}px; width: 100%; height: auto;`,
        onkeydown: onKey as EventListener,
      },
      s('g', { 'aria-hidden': 'true' }, rowLabels, colLabels),
      rows,
    );

    const legend = h(
      'ul',
      { class: 'legend', part: 'legend', 'aria-label': `${this.t('legend')}: ${this.t(MEASURE_KEYS[this.measure])}` },
      h('li', {}, h('span', { class: 'swatch', style: `background: ${colourOf(0, scale)}` }), `0 (${this.t('noTie')})`),
      scale.map((c) =>
        h('li', {}, h('span', { class: 'swatch', style: `background: ${colourOf(c.from, scale)}` }), classLabel(c)),
      ),
    );

    return h(
      'div',
      { class: 'chart', part: 'chart' },
      h('p', { class: 'hint' }, this.t('cooperationHint')),
      h('div', { class: 'scroll' }, svg),
      info,
      h('p', { class: 'note' }, `${this.t('legend')}: ${this.t(MEASURE_KEYS[this.measure])}`),
      legend,
      m.hidden > 0 && h('p', { class: 'note', part: 'note' }, this.t('hiddenUnits', { n: m.hidden })),
    );
  }

  protected renderTable(ties: Tie[]): Node {
    const lang = this.language;
    const num = (v: number) => h('td', { class: 'num' }, formatCount(v, lang));
    return h(
      'div',
      { class: 'scroll', part: 'table-wrapper' },
      h(
        'table',
        { part: 'table' },
        h('caption', {}, this.t('cooperationTitle')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, this.t('unit')),
            h('th', { scope: 'col' }, this.t('otherUnit')),
            h('th', { scope: 'col', class: 'num' }, this.t('partnerships')),
            h('th', { scope: 'col', class: 'num' }, this.t('grants')),
            h('th', { scope: 'col', class: 'num' }, this.t('events')),
            h('th', { scope: 'col', class: 'num' }, this.t('total')),
          ),
        ),
        h(
          'tbody',
          {},
          sortedTies(ties, this.measure).map((tie) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, `${tie.a.name ?? tie.a.code} (${tie.a.code})`),
              h('td', {}, `${tie.b.name ?? tie.b.code} (${tie.b.code})`),
              num(tie.partnerships),
              num(tie.grants),
              num(tie.events),
              num(strength(tie, 'total')),
            ),
          ),
        ),
      ),
    );
  }
}
