import { DEFAULT_ENDPOINT, HubError } from './client.js';
import { h } from './dom.js';
import { type Lang, parseLang, t } from './i18n.js';
import { type Labels, loadLabels } from './labels.js';
import { BASE_STYLES } from './theme.js';

/**
 * The base of every ngo-hub widget: an open shadow root with the theme, the `endpoint` and `lang`
 * attributes, the hub's enum labels, and one load at a time (a newer one aborts the older). A
 * subclass builds its lasting skeleton in `build()` (so focus stays in a search box while results
 * change) and fills it in `load()`.
 */
export abstract class HubElement extends HTMLElement {
  static get observedAttributes(): string[] {
    return ['endpoint', 'lang'];
  }

  /** Extra CSS of a subclass, after the base styles. */
  protected static styles = '';

  protected readonly shadow: ShadowRoot;
  protected labels: Labels = new Map();
  private controller?: AbortController;
  private builtFor?: Lang;
  private scheduled = false;

  constructor() {
    super();
    this.shadow = this.attachShadow({ mode: 'open' });
  }

  /** The hub's GraphQL URL: the `endpoint` attribute, or the gateway that served the script. */
  get endpoint(): string {
    return this.getAttribute('endpoint') || DEFAULT_ENDPOINT;
  }

  /** `pl` unless the `lang` attribute asks for English. */
  get language(): Lang {
    return parseLang(this.getAttribute('lang'));
  }

  connectedCallback(): void {
    this.schedule();
  }

  disconnectedCallback(): void {
    this.controller?.abort();
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value) return;
    this.attributeChanged(name);
    if (this.isConnected) this.schedule();
  }

  /** Called before reloading on an attribute change (e.g. back to page 1 on a new territory). */
  protected attributeChanged(_name: string): void {}

  /** The lasting skeleton in the current language. */
  protected abstract build(): Node;

  /** Fetches and shows the data; throwing shows the error state. */
  protected abstract load(signal: AbortSignal): Promise<void>;

  /** Reloads once per task, however many attributes changed together. */
  protected schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.refresh();
    });
  }

  /** Rebuilds the skeleton when the language changed, then loads (aborting a load still running). */
  async refresh(): Promise<void> {
    const lang = this.language;
    if (this.builtFor !== lang) {
      this.builtFor = lang;
      const style = h('style', {}, BASE_STYLES, (this.constructor as typeof HubElement).styles);
      this.shadow.replaceChildren(style, this.build());
    }
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.setAttribute('aria-busy', 'true');
    try {
      this.labels = await loadLabels(this.endpoint, lang);
      await this.load(controller.signal);
      if (!controller.signal.aborted)
        this.dispatchEvent(new CustomEvent('ngo-hub-load', { bubbles: true, composed: true }));
    } catch (error) {
      if (controller.signal.aborted) return;
      this.showError(error);
      this.dispatchEvent(
        new CustomEvent('ngo-hub-error', {
          bubbles: true,
          composed: true,
          detail: { message: this.errorMessage(error) },
        }),
      );
    } finally {
      if (this.controller === controller) this.removeAttribute('aria-busy');
    }
  }

  /** Where the error state goes: a subclass puts it in its results area. */
  protected abstract showError(error: unknown): void;

  /** The visitor's sentence for an error; the technical detail stays in the console. */
  protected errorMessage(error: unknown): string {
    if (error instanceof HubError && error.kind === 'not-found') return t(this.language, 'notFound');
    if (error instanceof HubError && error.kind === 'api') return t(this.language, 'errorApi');
    return t(this.language, 'errorNetwork');
  }

  /** The error state: a human message (role=alert) and a retry button. */
  protected errorView(error: unknown): HTMLElement {
    console.warn('ngo-hub:', error);
    return h(
      'div',
      { part: 'error', role: 'alert' },
      h('span', {}, this.errorMessage(error)),
      h(
        'button',
        { type: 'button', part: 'button retry', onclick: () => void this.refresh() },
        t(this.language, 'retry'),
      ),
    );
  }

  /** A loading or empty line, announced politely to screen readers. */
  protected statusView(text: string): HTMLElement {
    return h('p', { part: 'status', role: 'status' }, text);
  }

  protected t(key: Parameters<typeof t>[1], params?: Record<string, string | number>): string {
    return t(this.language, key, params);
  }
}

/** Defines `name` once (a page may load the script twice). */
export function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
