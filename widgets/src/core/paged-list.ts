import { h } from './dom.js';
import type { Lang } from './i18n.js';
import { t } from './i18n.js';

export interface Page<T> {
  items: T[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A GraphQL connection as the hub returns it. */
export interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

export function toPage<T>(connection: Connection<T>): Page<T> {
  return {
    items: connection.edges.map((e) => e.node),
    totalCount: connection.totalCount,
    hasNextPage: connection.pageInfo.hasNextPage,
    endCursor: connection.pageInfo.endCursor,
  };
}

/**
 * A cursor-paged list: summary line, `<ul part="list">`, previous/next buttons. The cursors of the
 * pages seen are kept, so "previous" goes back without the API paging backwards.
 */
export class PagedList<T> {
  readonly element: HTMLElement;
  private readonly summary = h('p', { part: 'summary', role: 'status' });
  private readonly body = h('div', {});
  private readonly previousButton: HTMLButtonElement;
  private readonly nextButton: HTMLButtonElement;
  private readonly pageLabel = h('span', { part: 'page' });
  private readonly pager: HTMLElement;
  private cursors: (string | null)[] = [null];
  private index = 0;

  constructor(
    private readonly options: {
      lang: Lang;
      /** Accessible name of the list and of its pager. */
      label: string;
      fetchPage: (after: string | null, signal: AbortSignal) => Promise<Page<T>>;
      renderItem: (item: T) => Node;
      summary: (totalCount: number) => string;
      empty: string;
      /** Reloads the widget on a page change. */
      reload: () => void;
    },
  ) {
    const { lang } = options;
    this.previousButton = h(
      'button',
      { type: 'button', part: 'button previous', class: 'secondary', onclick: () => this.go(-1) },
      t(lang, 'previous'),
    );
    this.nextButton = h(
      'button',
      { type: 'button', part: 'button next', class: 'secondary', onclick: () => this.go(1) },
      t(lang, 'next'),
    );
    this.pager = h(
      'nav',
      { part: 'pager', 'aria-label': options.label, hidden: true },
      this.previousButton,
      this.pageLabel,
      this.nextButton,
    );
    this.element = h('div', { part: 'results' }, this.summary, this.body, this.pager);
  }

  /** Back to the first page (a new search, territory or filter). */
  reset(): void {
    this.cursors = [null];
    this.index = 0;
  }

  /** Fetches the current page; an error propagates to the widget, which calls `showError`. */
  async load(signal: AbortSignal): Promise<void> {
    const { lang } = this.options;
    // The buttons stay enabled while loading: disabling the focused one would drop keyboard focus.
    this.summary.textContent = t(lang, 'loading');
    const page = await this.options.fetchPage(this.cursors[this.index] ?? null, signal);
    if (signal.aborted) return;
    this.cursors[this.index + 1] = page.endCursor;
    this.summary.textContent = page.totalCount ? this.options.summary(page.totalCount) : '';
    this.body.replaceChildren(
      page.items.length
        ? h(
            'ul',
            { part: 'list', 'aria-label': this.options.label },
            page.items.map((item) => this.options.renderItem(item)),
          )
        : h('p', { part: 'status empty' }, this.options.empty),
    );
    const root = this.element.getRootNode() as ShadowRoot | Document;
    const focused = root.activeElement;
    this.previousButton.disabled = this.index === 0;
    this.nextButton.disabled = !page.hasNextPage;
    // Reaching the first or last page disables the button just pressed: keep focus on the pager.
    if (focused === this.nextButton && this.nextButton.disabled) this.previousButton.focus();
    if (focused === this.previousButton && this.previousButton.disabled) this.nextButton.focus();
    this.pager.hidden = this.index === 0 && !page.hasNextPage;
    this.pageLabel.textContent = t(lang, 'page', { n: this.index + 1 });
  }

  /** The error state in place of the list. */
  showError(view: Node): void {
    this.summary.textContent = '';
    this.pager.hidden = true;
    this.body.replaceChildren(view);
  }

  private go(step: number): void {
    const target = this.index + step;
    if (target < 0 || (step > 0 && !this.cursors[target])) return;
    this.index = target;
    this.options.reload();
  }
}
