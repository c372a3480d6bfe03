import { HubError, query } from '../core/client.js';
import { type Child, h, safeHref } from '../core/dom.js';
import { define, HubElement } from '../core/element.js';
import { formatInstant } from '../core/i18n.js';
import { label } from '../core/labels.js';

interface OrganisationCard {
  id: string;
  name: string;
  shortName: string | null;
  sector: string;
  legalForm: string;
  publicBenefit: boolean;
  description: string | null;
  website: string | null;
  address: { streetAddress: string | null; postalCode: string | null; locality: string | null };
  territory: { name: string; kind: string } | null;
  events: {
    edges: { node: { id: string; title: string; kind: string; startsAt: string | null; url: string | null } }[];
  } | null;
}

const ORGANISATION_QUERY = `query NgoHubOrganisation($id: ID!) {
  organisation(id: $id) {
    id name shortName sector legalForm publicBenefit description website
    address { streetAddress postalCode locality }
    territory { name kind }
    events(first: 5, filter: { upcoming: true }) { edges { node { id title kind startsAt url } } }
  }
}`;

/** `<ngo-hub-organisation organisation-id="…">`: one organisation's card with its upcoming events. */
export class NgoHubOrganisation extends HubElement {
  static override get observedAttributes(): string[] {
    return [...HubElement.observedAttributes, 'organisation-id'];
  }

  private body!: HTMLElement;

  protected build(): Node {
    this.body = h('div', { part: 'body' });
    return h('article', { part: 'container card', 'aria-label': this.t('organisation') }, this.body);
  }

  protected async load(signal: AbortSignal): Promise<void> {
    const id = this.getAttribute('organisation-id');
    if (!id) {
      this.body.replaceChildren(this.statusView(this.t('missingId')));
      return;
    }
    this.body.replaceChildren(this.statusView(this.t('loading')));
    const data = await query<{ organisation: OrganisationCard | null }>(
      this.endpoint,
      ORGANISATION_QUERY,
      { id },
      signal,
    );
    if (signal.aborted) return;
    if (!data.organisation) throw new HubError('not-found', id);
    this.body.replaceChildren(...this.card(data.organisation));
  }

  private card(o: OrganisationCard): Node[] {
    const href = safeHref(o.website);
    const address = [o.address.streetAddress, [o.address.postalCode, o.address.locality].filter(Boolean).join(' ')]
      .filter(Boolean)
      .join(', ');
    const events = o.events?.edges.map((e) => e.node) ?? [];
    const row = (key: Parameters<HubElement['t']>[0], value: Node | string | null | undefined) =>
      value ? [h('dt', { part: 'term' }, this.t(key)), h('dd', { part: 'value' }, value)] : [];
    const nodes: Child[] = [
      h('h2', { part: 'title' }, o.name),
      h(
        'p',
        { part: 'meta' },
        h('span', { part: 'badge sector' }, label(this.labels, 'Sector', o.sector)),
        o.publicBenefit && h('span', { part: 'badge opp' }, this.t('publicBenefit')),
      ),
      o.description && h('p', { part: 'description' }, o.description),
      h(
        'dl',
        { part: 'details' },
        row('legalForm', label(this.labels, 'LegalForm', o.legalForm)),
        row('address', address),
        row('territory', o.territory && `${o.territory.name} (${o.territory.kind})`),
        row('website', href && h('a', { href, part: 'link', rel: 'noopener' }, o.website!)),
      ),
      h('h3', { part: 'subtitle' }, this.t('upcomingEvents')),
      events.length
        ? h(
            'ul',
            { part: 'list', 'aria-label': this.t('upcomingEvents') },
            events.map((e) => {
              const eventHref = safeHref(e.url);
              return h(
                'li',
                { part: 'item' },
                eventHref ? h('a', { href: eventHref, part: 'link', rel: 'noopener' }, e.title) : e.title,
                h(
                  'p',
                  { part: 'meta' },
                  e.startsAt &&
                    h('time', { part: 'date', datetime: e.startsAt }, formatInstant(e.startsAt, this.language)),
                  h('span', { part: 'badge kind' }, label(this.labels, 'EventKind', e.kind)),
                ),
              );
            }),
          )
        : h('p', { part: 'status empty' }, this.t('noUpcomingEvents')),
    ];
    return nodes.filter((n): n is Node => n instanceof Node);
  }

  protected showError(error: unknown): void {
    this.body.replaceChildren(this.errorView(error));
  }
}

define('ngo-hub-organisation', NgoHubOrganisation);
