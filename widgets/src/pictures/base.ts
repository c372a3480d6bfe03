/** What both pictures share: attributes, fetching with loading / empty / error states, the chart ⇄ table toggle. */
import { DEFAULT_ENDPOINT } from '../core/client.js';
import { h } from '../core/dom.js';
import { type Lang, langOf, MESSAGES, type Messages } from './i18n.js';
import { STYLES } from './styles.js';

/** Plain custom element (no framework): small, and renders only when its data or attributes change. */
export abstract class PictureElement<D> extends HTMLElement {
  static get observedAttributes(): string[] {
    return ['endpoint', 'territory', 'level', 'lang', 'from-year', 'to-year'];
  }

  protected data: D | null = null;
  protected showTable = false;
  private state: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  private controller: AbortController | null = null;
  private scheduled = false;
  private readonly body: HTMLElement;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    this.body = h('div');
    root.append(h('style', {}, STYLES), this.body);
  }

  /** Language of the texts (not `lang`, which HTMLElement already has). */
  get language(): Lang {
    return langOf(this.getAttribute('lang'));
  }

  protected get t(): Messages {
    return MESSAGES[this.language];
  }

  get endpoint(): string {
    return this.getAttribute('endpoint') || DEFAULT_ENDPOINT;
  }

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

  connectedCallback(): void {
    this.schedule(true);
  }

  disconnectedCallback(): void {
    this.controller?.abort();
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value || !this.isConnected) return;
    // Language and drawing options need no new data.
    this.schedule(!this.presentational(name));
  }

  /** Attributes that change only the drawing, not the query. */
  protected presentational(name: string): boolean {
    return name === 'lang';
  }

  /** Several attributes set in a row (e.g. by a framework) cause one fetch. */
  private reload = false;
  private schedule(reload: boolean): void {
    this.reload ||= reload || this.state === 'idle';
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.reload) {
        this.reload = false;
        void this.load();
      } else this.render();
    });
  }

  /** Fetches again and draws (also behind the "try again" button). */
  async load(): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.state = 'loading';
    this.render();
    try {
      const data = await this.fetchData(controller.signal);
      if (controller.signal.aborted) return;
      this.data = data;
      this.state = 'ready';
    } catch (error) {
      if (controller.signal.aborted) return;
      console.error(`${this.localName}:`, error);
      this.state = 'error';
    }
    this.render();
    this.dispatchEvent(
      new CustomEvent('ngo-hub-rendered', { bubbles: true, composed: true, detail: { state: this.state } }),
    );
  }

  /** Current state, for tests and pages: idle, loading, ready or error. */
  get status(): string {
    return this.state;
  }

  protected abstract caption(): string;
  protected abstract fetchData(signal: AbortSignal): Promise<D>;
  protected abstract isEmpty(data: D): boolean;
  protected abstract emptyText(): string;
  protected abstract renderChart(data: D): Node;
  protected abstract renderTable(data: D): Node;

  protected render(): void {
    const t = this.t;
    let content: Node | Node[];
    if (this.state === 'loading' || this.state === 'idle') {
      content = h('p', { class: 'status', part: 'status loading', role: 'status' }, t.loading);
    } else if (this.state === 'error') {
      content = h(
        'div',
        { class: 'error', part: 'error', role: 'alert' },
        h('span', {}, t.error),
        h('button', { type: 'button', part: 'button retry', onclick: () => void this.load() }, t.retry),
      );
    } else if (!this.data || this.isEmpty(this.data)) {
      content = h('p', { class: 'status', part: 'status empty', role: 'status' }, this.emptyText());
    } else {
      const toggle = h(
        'button',
        {
          type: 'button',
          part: 'button toggle',
          'aria-pressed': String(this.showTable),
          onclick: () => {
            this.showTable = !this.showTable;
            this.render();
            this.shadowRoot?.querySelector<HTMLElement>('[part~="toggle"]')?.focus();
          },
        },
        t.showTable,
      );
      content = [
        h('div', { class: 'toolbar', part: 'toolbar' }, toggle),
        this.showTable ? this.renderTable(this.data) : this.renderChart(this.data),
      ];
    }
    this.body.replaceChildren(
      h(
        'figure',
        { part: 'picture', lang: this.language, 'aria-busy': String(this.state === 'loading') },
        h('figcaption', { part: 'title' }, this.caption()),
        content,
      ),
    );
  }
}

/** Defines a custom element once (a page may load the bundle twice). */
export function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
