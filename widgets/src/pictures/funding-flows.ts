/** `<ngo-hub-funding-flows territory level group-by>`: bars per recipient unit, stacked by funder / programme / year. */
import { query } from '../core/client.js';
import { h, s } from '../core/dom.js';
import { formatCount, formatMoney } from '../core/i18n.js';
import {
  type Flow,
  type GroupKey,
  niceTicks,
  parseGroupBy,
  shapeFlows,
  toMinor,
  type CurrencyChart,
} from './flows-data.js';
import { PictureElement } from './picture.js';
import { fundingFlowsQuery } from './queries.js';
import { seriesColour } from './scale.js';

export class FundingFlowsElement extends PictureElement<Flow[]> {
  static override get observedAttributes(): string[] {
    return [...PictureElement.observedAttributes, 'group-by', 'max-series'];
  }

  protected override presentational(name: string): boolean {
    return super.presentational(name) || name === 'max-series';
  }

  /** Stacking keys (the bars are always the recipients' units). */
  get groupBy(): GroupKey[] {
    return parseGroupBy(this.getAttribute('group-by') ?? 'FUNDER');
  }

  get maxSeries(): number {
    const n = Number.parseInt(this.getAttribute('max-series') ?? '', 10);
    return n >= 2 && n <= 9 ? n : 8;
  }

  protected caption(): string {
    return this.t('flowsTitle');
  }

  protected async fetchData(signal: AbortSignal): Promise<Flow[]> {
    const keys = this.groupBy;
    const window = this.yearWindow;
    const data = await query<{ fundingFlows: Flow[] }>(
      this.endpoint,
      fundingFlowsQuery(keys, window),
      { territory: this.territory, level: this.level, groupBy: [...keys, 'TERRITORY'], ...window },
      signal,
    );
    return data.fundingFlows;
  }

  protected isEmpty(flows: Flow[]): boolean {
    return !flows.some((f) => f.grants > 0);
  }

  protected emptyText(): string {
    return this.t('flowsEmpty');
  }

  private renderCurrency(chart: CurrencyChart): Node {
    const lang = this.language;
    const money = (minor: number) => formatMoney(minor / 100, chart.currency, lang);
    const ticks = niceTicks(chart.max);
    const top = ticks[ticks.length - 1] || 1;
    const label = new Map(chart.series.map((x) => [x.key, x]));
    const info = h('p', { class: 'info', part: 'info', 'aria-live': 'polite' });
    const describe = (i: number) => {
      const bar = chart.bars[i];
      const parts = bar.segments.map((seg) => `${label.get(seg.series)!.label}: ${money(seg.minor)}`);
      const head = `${bar.name}: ${this.t('total').toLowerCase()} ${money(bar.minor)} (${this.t('grantsCount').toLowerCase()}: ${formatCount(bar.grants, lang)})`;
      return chart.series.length > 1 ? `${head}; ${parts.join('; ')}` : head;
    };
    const rows: HTMLElement[] = [];
    const focusRow = (i: number) => {
      for (const [k, r] of rows.entries()) r.setAttribute('tabindex', k === i ? '0' : '-1');
      rows[i].focus();
    };
    chart.bars.forEach((bar, i) => {
      let x = 0;
      const rects = bar.segments.map((seg) => {
        const w = (seg.minor / top) * 1000;
        const r = s('rect', {
          x,
          y: 0,
          width: Math.max(w, 0),
          height: 20,
          fill: seriesColour(label.get(seg.series)!.colour),
        });
        x += w;
        return r;
      });
      const text = describe(i);
      rows.push(
        h(
          'li',
          {
            class: 'row',
            part: 'bar',
            tabindex: i === 0 ? 0 : -1,
            'aria-label': text,
            title: text,
            onfocus: () => {
              info.textContent = text;
            },
            onclick: () => focusRow(i),
            onkeydown: ((event: KeyboardEvent) => {
              const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1 }[event.key];
              if (next === undefined) return;
              event.preventDefault();
              focusRow(Math.max(0, Math.min(rows.length - 1, next)));
            }) as EventListener,
          },
          h('span', { class: 'name' }, bar.name),
          s('svg', { viewBox: '0 0 1000 20', preserveAspectRatio: 'none', 'aria-hidden': 'true' }, rects),
          h('span', { class: 'amount' }, money(bar.minor)),
        ),
      );
    });
    const axis = h(
      'div',
      { class: 'axis-row', 'aria-hidden': 'true' },
      h('span'),
      h(
        'div',
        { class: 'axis' },
        ticks.map((v) =>
          h('span', { style: `left: ${(v / top) * 100}%` }, formatMoney(v / 100, chart.currency, lang, 'compact')),
        ),
      ),
    );
    return h(
      'div',
      { class: 'chart', part: 'chart' },
      h('p', { class: 'chart-title' }, this.t('chartLabel', { currency: chart.currency })),
      chart.series.length > 1 &&
        h(
          'ul',
          { class: 'legend', part: 'legend', 'aria-label': this.t('legend') },
          chart.series.map((x) =>
            h('li', {}, h('span', { class: 'swatch', style: `background: ${seriesColour(x.colour)}` }), x.label),
          ),
        ),
      axis,
      h('ul', { class: 'bars', 'aria-label': this.t('chartLabel', { currency: chart.currency }) }, rows),
      info,
      chart.withoutAmount > 0 &&
        h('p', { class: 'note', part: 'note' }, this.t('withoutAmount', { n: chart.withoutAmount })),
    );
  }

  protected renderChart(flows: Flow[]): Node {
    const picture = shapeFlows(flows, this.groupBy, this.language, this.maxSeries);
    return h(
      'div',
      {},
      h('p', { class: 'hint' }, this.t('flowsHint')),
      picture.charts.map((c) => this.renderCurrency(c)),
      picture.withoutAmount > 0 &&
        h('p', { class: 'note', part: 'note' }, this.t('withoutAmount', { n: picture.withoutAmount })),
    );
  }

  protected renderTable(flows: Flow[]): Node {
    const lang = this.language;
    const keys = this.groupBy;
    const sorted = [...flows].sort(
      (x, y) =>
        (x.currency ?? '\uffff').localeCompare(y.currency ?? '\uffff') ||
        (x.territory?.code ?? '\uffff').localeCompare(y.territory?.code ?? '\uffff') ||
        toMinor(y.amountAwarded) - toMinor(x.amountAwarded),
    );
    return h(
      'div',
      { class: 'scroll', part: 'table-wrapper' },
      h(
        'table',
        { part: 'table' },
        h('caption', {}, this.t('flowsTitle')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, this.t('recipientUnit')),
            keys.includes('FUNDER') && h('th', { scope: 'col' }, this.t('grantFunder')),
            keys.includes('PROGRAMME') && h('th', { scope: 'col' }, this.t('programme')),
            keys.includes('YEAR') && h('th', { scope: 'col' }, this.t('year')),
            h('th', { scope: 'col', class: 'num' }, this.t('grantsCount')),
            h('th', { scope: 'col', class: 'num' }, this.t('amount')),
          ),
        ),
        h(
          'tbody',
          {},
          sorted.map((f) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, f.territory ? `${f.territory.name} (${f.territory.code})` : this.t('noUnit')),
              keys.includes('FUNDER') && h('td', {}, f.funder?.name ?? this.t('noFunder')),
              keys.includes('PROGRAMME') && h('td', {}, f.programme?.name ?? this.t('noProgramme')),
              keys.includes('YEAR') && h('td', {}, f.year == null ? this.t('noYear') : String(f.year)),
              h('td', { class: 'num' }, formatCount(f.grants, lang)),
              h(
                'td',
                { class: 'num' },
                f.currency ? formatMoney(toMinor(f.amountAwarded) / 100, f.currency, lang) : '—',
              ),
            ),
          ),
        ),
      ),
    );
  }
}
