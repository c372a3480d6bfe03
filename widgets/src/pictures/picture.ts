/** What only pictures have on top of HubElement: the area attributes and a figure with a chart ⇄ table toggle. */
import { h } from '../core/dom.js';
import { HubElement } from '../core/element.js';
import { PICTURE_STYLES } from './styles.js';

export abstract class PictureElement<D> extends HubElement {
  static override get observedAttributes(): string[] {
    return [...HubElement.observedAttributes, 'territory', 'level', 'from-year', 'to-year'];
  }

  protected static override styles = PICTURE_STYLES;
  protected static override usesLabels = false;

  protected data: D | null = null;
  private showTable = false;
  private error: unknown;
  private body!: HTMLElement;

  get territory(): string {
    return (this.getAttribute('territory') || 'PL').trim();
  }

  get level(): string {
    return (this.getAttribute('level') || 'POWIAT').trim().toUpperCase();
  }

  /** Optional year window, passed on only when set (older gateways know no such arguments). */
  protected get yearWindow(): { fromYear?: number; toYear?: number } {
    const out: { fromYear?: number; toYear?: number } = {};
    const from = Number.parseInt(this.getAttribute('from-year') ?? '', 10);
    const to = Number.parseInt(this.getAttribute('to-year') ?? '', 10);
    if (Number.isInteger(from)) out.fromYear = from;
    if (Number.isInteger(to)) out.toYear = to;
    return out;
  }

  /** The language needs no new data: the texts are redrawn from what is loaded. */
  protected override presentational(name: string): boolean {
    return name === 'lang';
  }

  protected abstract caption(): string;
  protected abstract fetchData(signal: AbortSignal): Promise<D>;
  protected abstract isEmpty(data: D): boolean;
  protected abstract emptyText(): string;
  protected abstract renderChart(data: D): Node;
  protected abstract renderTable(data: D): Node;

  protected build(): Node {
    this.body = h('div');
    return this.body;
  }

  protected async load(signal: AbortSignal): Promise<void> {
    this.redraw();
    const data = await this.fetchData(signal);
    if (!signal.aborted) this.data = data;
  }

  protected showError(error: unknown): void {
    this.error = error;
  }

  protected override settled(): void {
    this.redraw();
    this.dispatchEvent(
      new CustomEvent('ngo-hub-rendered', { bubbles: true, composed: true, detail: { state: this.status } }),
    );
  }

  protected override errorMessage(): string {
    return this.t('pictureError');
  }

  protected override redraw(): void {
    const loading = this.status === 'loading' || this.status === 'idle';
    let content: Node | Node[];
    if (loading) content = this.statusView(this.t('loading'), 'loading');
    else if (this.status === 'error') content = this.errorView(this.error);
    else if (!this.data || this.isEmpty(this.data)) content = this.statusView(this.emptyText(), 'empty');
    else {
      const toggle = h(
        'button',
        {
          type: 'button',
          part: 'button toggle',
          'aria-pressed': String(this.showTable),
          onclick: () => {
            this.showTable = !this.showTable;
            this.redraw();
            this.shadow.querySelector<HTMLElement>('[part~="toggle"]')?.focus();
          },
        },
        this.t('showTable'),
      );
      content = [
        h('div', { class: 'toolbar', part: 'toolbar' }, toggle),
        this.showTable ? this.renderTable(this.data) : this.renderChart(this.data),
      ];
    }
    this.body.replaceChildren(
      h(
        'figure',
        { part: 'picture', lang: this.language, 'aria-busy': String(this.status === 'loading') },
        h('figcaption', { part: 'title' }, this.caption()),
        content,
      ),
    );
  }
}
