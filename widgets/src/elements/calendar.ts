import { query } from '../core/client.js';
import { h, safeHref } from '../core/dom.js';
import { define, HubElement } from '../core/element.js';
import { formatCount, formatInstant, formatMonth } from '../core/i18n.js';
import { label } from '../core/labels.js';
import { type Connection, PagedList, toPage } from '../core/paged-list.js';

interface EventItem {
  id: string;
  title: string;
  kind: string;
  status: string;
  startsAt: string | null;
  datePrecision: 'TIME' | 'DAY' | 'MONTH' | 'UNKNOWN';
  url: string | null;
  venue: { name: string | null; locality: string | null } | null;
  organisers: { name: string }[];
}

const CALENDAR_QUERY = `query NgoHubCalendar($first: Int!, $after: String, $filter: EventFilter) {
  events(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id title kind status startsAt datePrecision url venue { name locality } organisers { name } } }
  }
}`;

/** The EventKind values, in the order the kind filter offers them (labels come from the hub). */
const EVENT_KINDS = [
  'WORKSHOP',
  'TRAINING',
  'CONFERENCE',
  'MEETING',
  'CONSULTATION',
  'FESTIVAL',
  'CULTURAL',
  'SPORTS',
  'STUDY_VISIT',
  'FORUM',
  'OTHER',
];

/**
 * `<ngo-hub-calendar territory="2061011" upcoming kind="WORKSHOP">`: events by start, dates in Warsaw
 * time written in the page's language, a filter by kind, and paging.
 */
export class NgoHubCalendar extends HubElement {
  static override get observedAttributes(): string[] {
    return [...HubElement.observedAttributes, 'territory', 'upcoming', 'kind', 'page-size', 'no-kind-filter'];
  }

  private list!: PagedList<EventItem>;
  private select?: HTMLSelectElement;
  private kind?: string | null;
  private optionsLabelled = false;

  protected override attributeChanged(name: string): void {
    if (name === 'kind') this.kind = this.getAttribute('kind');
    if (name === 'lang' || name === 'no-kind-filter') this.optionsLabelled = false;
    this.list?.reset();
  }

  protected build(): Node {
    if (this.kind === undefined) this.kind = this.getAttribute('kind');
    this.optionsLabelled = false;
    this.select = undefined;
    const controls = h('div', { part: 'controls' });
    if (!this.hasAttribute('no-kind-filter')) {
      const selectId = 'ngo-hub-calendar-kind';
      this.select = h('select', {
        id: selectId,
        part: 'select kind-select',
        onchange: () => {
          this.kind = this.select!.value || null;
          this.list.reset();
          void this.refresh();
        },
      });
      controls.append(h('label', { for: selectId, part: 'label' }, this.t('kind')), this.select);
    }
    this.list = new PagedList<EventItem>({
      lang: this.language,
      label: this.t('calendar'),
      fetchPage: async (after, signal) => {
        const filter: Record<string, unknown> = {};
        const territory = this.getAttribute('territory');
        if (territory) filter.territory = territory;
        const upcoming = this.getAttribute('upcoming');
        if (upcoming !== null) filter.upcoming = upcoming !== 'false';
        if (this.kind) filter.kind = this.kind;
        const data = await query<{ events: Connection<EventItem> }>(
          this.endpoint,
          CALENDAR_QUERY,
          { first: this.pageSize, after, filter },
          signal,
        );
        return toPage(data.events);
      },
      renderItem: (e) => this.item(e),
      summary: (n) => this.t('eventsFound', { n: formatCount(n, this.language) }),
      empty: this.t('noEvents'),
      reload: () => void this.refresh(),
    });
    return h(
      'section',
      { part: 'container', 'aria-label': this.t('calendar') },
      this.select && controls,
      this.list.element,
    );
  }

  private get pageSize(): number {
    const n = Number(this.getAttribute('page-size'));
    return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 10;
  }

  /** The kind options, labelled once the hub's labels are in. */
  private fillKinds(): void {
    if (!this.select || this.optionsLabelled) return;
    this.optionsLabelled = this.labels.size > 0;
    this.select.replaceChildren(
      h('option', { value: '' }, this.t('allKinds')),
      ...EVENT_KINDS.map((k) => h('option', { value: k }, label(this.labels, 'EventKind', k))),
    );
    this.select.value = this.kind ?? '';
  }

  private when(e: EventItem): Node {
    if (!e.startsAt || e.datePrecision === 'UNKNOWN') return h('span', { part: 'date' }, this.t('dateUnknown'));
    const text =
      e.datePrecision === 'MONTH'
        ? formatMonth(e.startsAt, this.language)
        : formatInstant(e.startsAt, this.language, e.datePrecision === 'DAY');
    return h('time', { part: 'date', datetime: e.startsAt }, text);
  }

  private item(e: EventItem): Node {
    const href = safeHref(e.url);
    const place = [e.venue?.name, e.venue?.locality].filter(Boolean).join(', ');
    return h(
      'li',
      { part: 'item', 'data-id': e.id },
      h('h3', { part: 'item-title' }, href ? h('a', { href, part: 'link', rel: 'noopener' }, e.title) : e.title),
      h(
        'p',
        { part: 'meta' },
        this.when(e),
        h('span', { part: 'badge kind' }, label(this.labels, 'EventKind', e.kind)),
        e.status === 'CANCELLED' &&
          h('strong', { part: 'badge cancelled' }, label(this.labels, 'EventStatus', e.status)),
        place && h('span', { part: 'place' }, place),
      ),
      e.organisers.length > 0 && h('p', { part: 'meta organisers' }, e.organisers.map((o) => o.name).join(', ')),
    );
  }

  protected async load(signal: AbortSignal): Promise<void> {
    this.fillKinds();
    await this.list.load(signal);
  }

  protected showError(error: unknown): void {
    this.list.showError(this.errorView(error));
  }
}

define('ngo-hub-calendar', NgoHubCalendar);
