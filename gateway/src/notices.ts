import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { executeQuery, type FeedApollo } from './feeds/graphql.js';

/**
 * The pages the links in notice mails open (notifications subgraph, module notice): confirming a
 * subscription and unsubscribing. They run `confirmNotices` / `unsubscribeNotices` through the
 * gateway's own Apollo Server, like the feeds. GET never unsubscribes (mail link scanners fetch
 * links): it shows a button that POSTs, and the POST is also RFC 8058's one-click unsubscribe.
 */
export function registerNotices(app: FastifyInstance, apollo: Pick<FeedApollo, 'executeOperation'>): void {
  app.get('/notices/confirm', async (request, reply) => {
    const token = tokenOf(request);
    if (!token) return page(reply, 400, BAD_LINK);
    const outcome = await run(apollo, 'mutation($t: String!) { confirmNotices(token: $t) }', 'confirmNotices', token);
    if (outcome === true)
      return page(reply, 200, {
        title: 'Subskrypcja potwierdzona',
        text: 'Dziękujemy. Od teraz będziemy wysyłać powiadomienia na ten adres. Każda wiadomość zawiera link do wypisania się.',
      });
    return page(reply, outcome === false ? 404 : outcome, outcome === 503 ? UNAVAILABLE : BAD_LINK);
  });

  app.get('/notices/unsubscribe', async (request, reply) => {
    const token = tokenOf(request);
    if (!token) return page(reply, 400, BAD_LINK);
    const action = `/notices/unsubscribe?token=${encodeURIComponent(token)}`;
    return page(reply, 200, {
      title: 'Wypisanie z powiadomień',
      text: 'Czy na pewno nie chcesz więcej otrzymywać powiadomień na ten adres? Adres zostanie usunięty.',
      form: `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Wypisz mnie</button></form>`,
    });
  });

  // Scoped, so form bodies are parsed here only; RFC 8058 allows multipart bodies too, whose content is not needed.
  app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 10_000 });
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 10_000 }, (_r, _body, done) =>
      done(null, {}),
    );
    scope.post('/notices/unsubscribe', async (request, reply) => {
      const token = tokenOf(request);
      if (!token) return page(reply, 400, BAD_LINK);
      const outcome = await run(
        apollo,
        'mutation($t: String!) { unsubscribeNotices(token: $t) }',
        'unsubscribeNotices',
        token,
      );
      if (outcome === true)
        return page(reply, 200, {
          title: 'Wypisano',
          text: 'Nie będziemy już wysyłać powiadomień na ten adres; usunęliśmy go.',
        });
      if (outcome === false)
        return page(reply, 404, {
          title: 'Link nieaktywny',
          text: 'Ten link nie działa: adres mógł już zostać wypisany.',
        });
      return page(reply, outcome, outcome === 503 ? UNAVAILABLE : BAD_LINK);
    });
  });
}

interface Page {
  title: string;
  text: string;
  form?: string;
}

const BAD_LINK: Page = {
  title: 'Link nieaktywny',
  text: 'Ten link jest niepoprawny albo wygasł. Jeśli zapisujesz się na powiadomienia, poproś o nie jeszcze raz.',
};
const UNAVAILABLE: Page = {
  title: 'Spróbuj później',
  text: 'Nie udało się tego teraz zrobić. Spróbuj ponownie za kilka minut.',
};

function tokenOf(request: FastifyRequest): string | null {
  const token = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof token === 'string' && token.length > 0 && token.length <= 100 ? token : null;
}

/** The mutation's answer, or the status to show: 400 for a malformed token, 503 for anything else (never its details). */
async function run(
  apollo: Pick<FeedApollo, 'executeOperation'>,
  query: string,
  field: string,
  token: string,
): Promise<boolean | 400 | 503> {
  try {
    const { data, errors } = await executeQuery<Record<string, boolean>>(apollo as FeedApollo, query, { t: token });
    if (errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT')) return 400;
    const value = data?.[field];
    return typeof value === 'boolean' ? value : 503;
  } catch {
    return 503;
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A small page; the token is in the URL, so no referrer leaves it, and nothing keeps or indexes it. */
function page(reply: FastifyReply, status: number, content: Page): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .send(
      `<!doctype html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(content.title)} – ngo-hub</title><style>body{font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.5rem 1rem}</style></head><body><h1>${escapeHtml(content.title)}</h1><p>${escapeHtml(content.text)}</p>${content.form ?? ''}</body></html>`,
    );
}
