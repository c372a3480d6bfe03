import { query } from '../core/client.js';
import { h, safeHref } from '../core/dom.js';
import { define, HubElement } from '../core/element.js';
import { formatCount, formatLocalDate, formatMoney, warsawToday } from '../core/i18n.js';
import { type Connection, PagedList, toPage } from '../core/paged-list.js';

interface CallItem {
  id: string;
  title: string;
  opensOn: string;
  closesOn: string | null;
  isOpen: boolean;
  url: string | null;
  budget: { amount: string; currency: string } | null;
  funder: { name: string };
}

const CALLS_QUERY = `query NgoHubCalls($first: Int!, $after: String, $filter: CallFilter, $sort: CallSort) {
  calls(first: $first, after: $after, filter: $filter, sort: $sort) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id title opensOn closesOn isOpen url budget { amount currency } funder { name } } }
  }
}`;

const DAY_MS = 86_400_000;

/**
 * `<ngo-hub-calls territory="20">`: open calls for proposals first, soonest deadline first, with
 * the days left; closed and announced calls on request below them.
 */
export class NgoHubCalls extends HubElement {
  static override get observedAttributes(): string[] {
    return [...HubElement.observedAttributes, 'territory', 'page-size'];
  }

  private open!: PagedList<CallItem>;
  private other!: PagedList<CallItem>;
  private otherShown = false;
  private otherSection!: HTMLElement;
  private otherButton!: HTMLButtonElement;

  protected override attributeChanged(): void {
    this.open?.reset();
    this.other?.reset();
  }

  protected build(): Node {
    this.open = this.callList(true);
    this.other = this.callList(false);
    this.otherSection = h(
      'section',
      { part: 'other-calls', 'aria-label': this.t('otherCalls'), hidden: !this.otherShown },
      h('h3', { part: 'subtitle' }, this.t('otherCalls')),
      this.other.element,
    );
    this.otherButton = h(
      'button',
      {
        type: 'button',
        part: 'button show-other',
        class: 'secondary',
        'aria-expanded': String(this.otherShown),
        onclick: () => {
          this.otherShown = !this.otherShown;
          this.otherButton.setAttribute('aria-expanded', String(this.otherShown));
          this.otherSection.hidden = !this.otherShown;
          if (this.otherShown) void this.refresh();
        },
      },
      this.t('showOtherCalls'),
    );
    return h(
      'section',
      { part: 'container', 'aria-label': this.t('calls') },
      this.open.element,
      h('div', { part: 'controls' }, this.otherButton),
      this.otherSection,
    );
  }

  private callList(open: boolean): PagedList<CallItem> {
    return new PagedList<CallItem>({
      lang: this.language,
      label: open ? this.t('calls') : this.t('otherCalls'),
      fetchPage: async (after, signal) => {
        const filter: Record<string, unknown> = { open };
        const territory = this.getAttribute('territory');
        if (territory) filter.territory = territory;
        const data = await query<{ calls: Connection<CallItem> }>(
          this.endpoint,
          CALLS_QUERY,
          { first: this.pageSize, after, filter, sort: open ? 'CLOSING_SOONEST' : 'NEWEST' },
          signal,
        );
        return toPage(data.calls);
      },
      renderItem: (c) => this.item(c),
      summary: (n) => (open ? this.t('openCalls', { n: formatCount(n, this.language) }) : ''),
      empty: open ? this.t('noOpenCalls') : this.t('noOtherCalls'),
      reload: () => void this.refresh(),
    });
  }

  private get pageSize(): number {
    const n = Number(this.getAttribute('page-size'));
    return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 10;
  }

  private deadline(c: CallItem): Node {
    if (!c.closesOn) return h('span', { part: 'deadline' }, this.t('noDeadline'));
    const text = this.t('deadline', { date: formatLocalDate(c.closesOn, this.language) });
    if (!c.isOpen) return h('span', { part: 'deadline' }, text);
    const days = Math.round((Date.parse(c.closesOn) - Date.parse(warsawToday())) / DAY_MS);
    return h(
      'strong',
      { part: 'deadline' },
      `${text} (${days <= 0 ? this.t('lastDay') : this.t('daysLeft', { n: days })})`,
    );
  }

  private item(c: CallItem): Node {
    const href = safeHref(c.url);
    const notYetOpen = !c.isOpen && c.opensOn > warsawToday();
    return h(
      'li',
      { part: c.isOpen ? 'item open' : 'item', 'data-id': c.id },
      h('h3', { part: 'item-title' }, href ? h('a', { href, part: 'link', rel: 'noopener' }, c.title) : c.title),
      h(
        'p',
        { part: 'meta' },
        notYetOpen
          ? h('span', { part: 'opens' }, this.t('opens', { date: formatLocalDate(c.opensOn, this.language) }))
          : this.deadline(c),
        c.budget &&
          h(
            'span',
            { part: 'budget' },
            this.t('budget', {
              amount: formatMoney(Number(c.budget.amount), c.budget.currency, this.language, 'whole'),
            }),
          ),
      ),
      h('p', { part: 'meta funder' }, this.t('funder', { name: c.funder.name })),
    );
  }

  protected async load(signal: AbortSignal): Promise<void> {
    await Promise.all([this.open.load(signal), this.otherShown ? this.other.load(signal) : undefined]);
  }

  protected showError(error: unknown): void {
    this.open.showError(this.errorView(error));
    if (this.otherShown) this.other.showError(this.errorView(error));
  }
}

define('ngo-hub-calls', NgoHubCalls);
