import { DEFAULT_ENDPOINT, HubError } from './client.js';
import { h } from './dom.js';
import { type Lang, parseLang, t } from './i18n.js';
import { type Labels, loadLabels } from './labels.js';
import { BASE_STYLES } from './theme.js';

/** Where the last load stands: `idle` before the first one. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The base of every ngo-hub widget and picture: an open shadow root with the theme, the `endpoint` and
 * `lang` attributes, the hub's enum labels, and one load at a time (a newer one aborts the older). A
 * subclass builds its lasting skeleton in `build()` (so focus stays in a search box while results
 * change) and fills it in `load()`.
 */
export abstract class HubElement extends HTMLElement {
  static get observedAttributes(): string[] {
    return ['endpoint', 'lang'];
  }

  /** The shadow root's stylesheet: the widgets' theme; the pictures bring their own. */
  protected static styles = BASE_STYLES;

  /** Whether a load fetches the hub's enum labels first (the pictures show none). */
  protected static usesLabels = true;

  protected readonly shadow: ShadowRoot;
  protected labels: Labels = new Map();
  private controller?: AbortController;
  private builtFor?: Lang;
  private scheduled = false;
  private reload = false;
  private state: LoadState = 'idle';

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

  /** The last load's state, for tests and pages. */
  get status(): LoadState {
    return this.state;
  }

  connectedCallback(): void {
    this.schedule(true);
  }

  disconnectedCallback(): void {
    this.controller?.abort();
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value) return;
    this.attributeChanged(name);
    if (this.isConnected) this.schedule(!this.presentational(name));
  }

  /** Called before reloading on an attribute change (e.g. back to page 1 on a new territory). */
  protected attributeChanged(_name: string): void {}

  /** Attributes that change only the drawing: they `redraw()` what is loaded instead of fetching again. */
  protected presentational(_name: string): boolean {
    return false;
  }

  /** Draws the loaded data again (for subclasses with presentational attributes). */
  protected redraw(): void {}

  /** Called when a load ends, ready or failed (after `showError`), before the events. */
  protected settled(): void {}

  /** The lasting skeleton in the current language. */
  protected abstract build(): Node;

  /** Fetches and shows the data; throwing shows the error state. */
  protected abstract load(signal: AbortSignal): Promise<void>;

  /** Reloads (or only redraws) once per task, however many attributes changed together. */
  protected schedule(reload: boolean): void {
    this.reload ||= reload || this.state === 'idle';
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (!this.reload) return this.redraw();
      this.reload = false;
      void this.refresh();
    });
  }

  /** Rebuilds the skeleton when the language changed, then loads (aborting a load still running). */
  async refresh(): Promise<void> {
    const lang = this.language;
    if (this.builtFor !== lang) {
      this.builtFor = lang;
      const style = h('style', {}, (this.constructor as typeof HubElement).styles);
      this.shadow.replaceChildren(style, this.build());
    }
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.state = 'loading';
    this.setAttribute('aria-busy', 'true');
    try {
      if ((this.constructor as typeof HubElement).usesLabels) this.labels = await loadLabels(this.endpoint, lang);
      await this.load(controller.signal);
      if (controller.signal.aborted) return;
      this.state = 'ready';
      this.settled();
      this.dispatchEvent(new CustomEvent('ngo-hub-load', { bubbles: true, composed: true }));
    } catch (error) {
      if (controller.signal.aborted) return;
      console.warn('ngo-hub:', error);
      this.state = 'error';
      this.showError(error);
      this.settled();
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

  /** A loading or empty line, announced politely to screen readers; `state` adds a part to style it by. */
  protected statusView(text: string, state?: 'loading' | 'empty'): HTMLElement {
    return h('p', { part: state ? `status ${state}` : 'status', role: 'status' }, text);
  }

  protected t(key: Parameters<typeof t>[1], params?: Record<string, string | number>): string {
    return t(this.language, key, params);
  }
}

/** Defines `name` once (a page may load the script twice). */
export function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
