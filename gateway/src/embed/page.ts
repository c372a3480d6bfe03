import type { FastifyInstance } from 'fastify';
import { demoOrganisationId } from '@ngo-hub/kit';
import { type EmbedSection, PICTURE_SECTIONS } from './pictures.js';

type Lang = 'pl' | 'en';

const TEXT = {
  pl: {
    title: 'Widżety ngo-hub dla portali',
    intro:
      'Gotowe elementy do wstawienia na stronę gminy, powiatu lub organizacji: baza organizacji, kalendarz wydarzeń, nabory i wizytówka organizacji. Wystarczy wkleić skrypt i element; dane pochodzą na bieżąco z tego huba, bez zewnętrznych serwerów.',
    script: 'Najpierw skrypt (raz na stronę):',
    snippet: 'Kod do wklejenia',
    docs: 'Atrybuty, zmienne CSS i części (::part) opisuje docs/widgets.md w repozytorium.',
    language: 'Język strony',
    sections: {
      directory: [
        'Baza organizacji',
        'Wyszukiwarka organizacji z podziałem na strony; atrybut territory zawęża ją do gminy, powiatu lub województwa (kod TERC).',
      ],
      calendar: [
        'Kalendarz wydarzeń',
        'Nadchodzące wydarzenia organizacji z Białegostoku (atrybut upcoming), z filtrem rodzaju wydarzenia.',
      ],
      calls: [
        'Konkursy i nabory',
        'Otwarte nabory najpierw, z terminem i liczbą dni do jego upływu; zakończone na żądanie.',
      ],
      organisation: [
        'Wizytówka organizacji',
        'Nazwa, forma prawna, adres, strona internetowa, gmina i nadchodzące wydarzenia jednej organizacji.',
      ],
    },
  },
  en: {
    title: 'ngo-hub widgets for portals',
    intro:
      'Ready-made elements for a municipality’s, county’s or organisation’s website: the organisation directory, the events calendar, calls for proposals and an organisation’s card. Paste the script and an element; the data comes live from this hub, with no third-party servers.',
    script: 'First the script (once per page):',
    snippet: 'Code to paste',
    docs: 'Attributes, CSS custom properties and ::part names are in docs/widgets.md in the repository.',
    language: 'Page language',
    sections: {
      directory: [
        'Organisation directory',
        'Search organisations, page by page; the territory attribute narrows it to a municipality, county or voivodeship (TERC code).',
      ],
      calendar: [
        'Events calendar',
        'Upcoming events of organisations in Białystok (the upcoming attribute), with a filter by kind of event.',
      ],
      calls: ['Calls for proposals', 'Open calls first, with the deadline and the days left; closed ones on request.'],
      organisation: [
        'Organisation card',
        'One organisation’s name, legal form, address, website, municipality and upcoming events.',
      ],
    },
  },
} as const;

/** The widgets' own sections; the snippet is written for Polish and gets `lang="en"` on the English page. */
function widgetSections(lang: Lang): EmbedSection[] {
  const s = TEXT[lang].sections;
  const section = (id: keyof typeof s, snippet: string): EmbedSection => ({
    id,
    title: s[id][0],
    description: s[id][1],
    snippet,
  });
  return [
    section('directory', '<ngo-hub-directory page-size="5"></ngo-hub-directory>'),
    section('calendar', '<ngo-hub-calendar territory="2061011" upcoming page-size="5"></ngo-hub-calendar>'),
    section('calls', '<ngo-hub-calls territory="20" page-size="5"></ngo-hub-calls>'),
    section(
      'organisation',
      `<ngo-hub-organisation organisation-id="${demoOrganisationId('centrum-wspolpracy-op-bialystok')}"></ngo-hub-organisation>`,
    ),
  ];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Every ngo-hub element of a snippet speaks `lang` (an explicit lang attribute is kept). */
export function withLang(snippet: string, lang: Lang): string {
  if (lang === 'pl') return snippet;
  return snippet.replace(/<(ngo-hub-[a-z-]+)(?![^>]*\slang=)/g, '<$1 lang="en"');
}

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1f24; background: #ffffff; line-height: 1.5; }
  header, main { max-width: 64rem; margin: 0 auto; padding: 1rem 1.25rem; }
  header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 1rem; }
  h1 { margin: 0; font-size: 1.6rem; }
  nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
  a { color: #0b57a4; }
  a[aria-current] { font-weight: 700; color: #1b1f24; }
  section.demo { border-top: 1px solid #8a94a3; padding: 1.5rem 0; display: grid; gap: 0.75rem; }
  section.demo h2 { margin: 0; }
  pre { background: #f3f5f8; color: #1b1f24; border: 1px solid #8a94a3; border-radius: 6px; padding: 0.75rem; overflow-x: auto; font-size: 0.9rem; }
  .live { border: 1px dashed #8a94a3; border-radius: 6px; padding: 1rem; }
  details summary { cursor: pointer; color: #0b57a4; }
`;

/** The /embed demo page in `lang`, with snippets naming this gateway's own address. */
export function renderEmbedPage(lang: Lang, origin: string): string {
  const text = TEXT[lang];
  const scriptTag = `<script type="module" src="${origin}/widgets/ngo-hub.js"></script>`;
  const sections = [...widgetSections(lang), ...PICTURE_SECTIONS].map((section) => {
    const snippet = withLang(section.snippet, lang);
    const id = escapeHtml(section.id);
    return `<section class="demo" id="${id}" aria-labelledby="${id}-title">
  <h2 id="${id}-title">${escapeHtml(section.title)}</h2>
  <p>${escapeHtml(section.description)}</p>
  <div class="live">${snippet}</div>
  <details><summary>${text.snippet}</summary><pre><code>${escapeHtml(`${scriptTag}\n${snippet}`)}</code></pre></details>
</section>`;
  });
  const other: Lang = lang === 'pl' ? 'en' : 'pl';
  const switchLink = (l: Lang, name: string) =>
    `<li><a href="/embed${l === 'pl' ? '' : '?lang=en'}" hreflang="${l}" lang="${l}"${l === lang ? ' aria-current="page"' : ''}>${name}</a></li>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title}</title>
<link rel="alternate" hreflang="${other}" href="/embed${other === 'en' ? '?lang=en' : ''}">
<style>${STYLE}</style>
<script type="module" src="/widgets/ngo-hub.js"></script>
</head>
<body>
<header>
  <h1>${text.title}</h1>
  <nav aria-label="${text.language}"><ul>${switchLink('pl', 'Polski')}${switchLink('en', 'English')}</ul></nav>
</header>
<main>
  <p>${text.intro}</p>
  <p>${text.script}</p>
  <pre><code>${escapeHtml(scriptTag)}</code></pre>
  <p>${text.docs}</p>
  ${sections.join('\n  ')}
</main>
</body>
</html>
`;
}

/** `GET /embed`: each widget live beside its copy-paste snippet, in Polish (`?lang=en` for English). */
export function registerEmbedPage(app: FastifyInstance): void {
  app.get<{ Querystring: { lang?: string } }>('/embed', async (request, reply) => {
    const lang: Lang = request.query.lang?.toLowerCase().startsWith('en') ? 'en' : 'pl';
    const origin = `${request.protocol}://${request.host}`;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-language', lang)
      .header(
        'content-security-policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors *",
      )
      .send(renderEmbedPage(lang, origin));
  });
}
