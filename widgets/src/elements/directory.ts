import { query } from '../core/client.js';
import { h, safeHref } from '../core/dom.js';
import { define, HubElement } from '../core/element.js';
import { formatCount } from '../core/i18n.js';
import { label } from '../core/labels.js';
import { type Connection, PagedList, toPage } from '../core/paged-list.js';

interface OrganisationItem {
  id: string;
  name: string;
  sector: string;
  legalForm: string;
  publicBenefit: boolean;
  website: string | null;
  address: { locality: string | null };
  territory: { name: string } | null;
}

const DIRECTORY_QUERY = `query NgoHubDirectory($first: Int!, $after: String, $filter: OrganisationFilter) {
  organisations(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name sector legalForm publicBenefit website address { locality } territory { name } } }
  }
}`;

/** Typing pauses this long before the directory searches (Enter searches at once). */
const SEARCH_DELAY_MS = 300;

/**
 * `<ngo-hub-directory territory="2061011" page-size="10">`: the organisations directory with a search
 * box, sector and legal form in the page's language, and paging.
 */
export class NgoHubDirectory extends HubElement {
  static override get observedAttributes(): string[] {
    return [...HubElement.observedAttributes, 'territory', 'page-size', 'search'];
  }

  private list!: PagedList<OrganisationItem>;
  private input!: HTMLInputElement;
  private timer?: ReturnType<typeof setTimeout>;
  private search = '';

  protected override attributeChanged(name: string): void {
    if (name === 'search') this.search = this.getAttribute('search') ?? '';
    this.list?.reset();
  }

  protected build(): Node {
    const inputId = 'ngo-hub-directory-search';
    this.search ||= this.getAttribute('search') ?? '';
    this.input = h('input', {
      id: inputId,
      type: 'search',
      part: 'input search-input',
      name: 'search',
      maxlength: 200,
      autocomplete: 'off',
      placeholder: this.t('searchPlaceholder'),
      value: this.search,
      oninput: () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.searchFor(this.input.value), SEARCH_DELAY_MS);
      },
    });
    const form = h(
      'form',
      {
        part: 'search',
        role: 'search',
        onsubmit: (event: Event) => {
          event.preventDefault();
          clearTimeout(this.timer);
          this.searchFor(this.input.value);
        },
      },
      h('label', { for: inputId, part: 'label' }, this.t('searchOrganisations')),
      this.input,
      h('button', { type: 'submit', part: 'button search-button' }, this.t('search')),
    );
    // The label wraps nothing: the input sits beside it so the button lines up with the box.
    this.list = new PagedList<OrganisationItem>({
      lang: this.language,
      label: this.t('directory'),
      fetchPage: async (after, signal) => {
        const filter: Record<string, unknown> = {};
        if (this.search.trim()) filter.search = this.search.trim();
        const territory = this.getAttribute('territory');
        if (territory) filter.territory = territory;
        const data = await query<{ organisations: Connection<OrganisationItem> }>(
          this.endpoint,
          DIRECTORY_QUERY,
          { first: this.pageSize, after, filter },
          signal,
        );
        return toPage(data.organisations);
      },
      renderItem: (o) => this.item(o),
      summary: (n) => this.t('organisationsFound', { n: formatCount(n, this.language) }),
      empty: this.t('noOrganisations'),
      reload: () => void this.refresh(),
    });
    return h(
      'section',
      { part: 'container', 'aria-label': this.t('directory') },
      h('div', { part: 'controls' }, form),
      this.list.element,
    );
  }

  private get pageSize(): number {
    const n = Number(this.getAttribute('page-size'));
    return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 10;
  }

  private searchFor(text: string): void {
    if (text === this.search) return;
    this.search = text;
    this.list.reset();
    void this.refresh();
  }

  private item(o: OrganisationItem): Node {
    const href = safeHref(o.website);
    const place = o.address.locality ?? o.territory?.name;
    return h(
      'li',
      { part: 'item', 'data-id': o.id },
      h('h3', { part: 'item-title' }, href ? h('a', { href, part: 'link', rel: 'noopener' }, o.name) : o.name),
      h(
        'p',
        { part: 'meta' },
        h('span', { part: 'badge legal-form' }, label(this.labels, 'LegalForm', o.legalForm)),
        h('span', { part: 'badge sector' }, label(this.labels, 'Sector', o.sector)),
        o.publicBenefit && h('abbr', { part: 'badge opp', title: this.t('publicBenefit') }, 'OPP'),
        place && h('span', { part: 'place' }, place),
      ),
    );
  }

  protected async load(signal: AbortSignal): Promise<void> {
    await this.list.load(signal);
  }

  protected showError(error: unknown): void {
    this.list.showError(this.errorView(error));
  }
}

define('ngo-hub-directory', NgoHubDirectory);
