import type { ChangeSummary } from '@ngo-hub/kit';
import { labelOf, tercRegister } from '@ngo-hub/kit';
import type { Mail } from './notice.mailer.js';

/** What a notice tells about one change (kept in job payloads and digest items; no personal data). */
export interface Notice {
  type: 'event.created' | 'call.published';
  entityId: string;
  summary: ChangeSummary;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A title fit for a Subject: one line, not endless. */
const oneLine = (text: string, max = 150) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

const dateTime = new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', dateStyle: 'long', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('pl-PL', { timeZone: 'UTC', dateStyle: 'long' });
const formatInstant = (iso: string) => dateTime.format(new Date(iso));
// Calendar dates (YYYY-MM-DD) are read at UTC midnight so no time zone moves them a day.
const formatDate = (iso: string) => date.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));

function place(code: string | null | undefined): string | null {
  if (!code) return null;
  const unit = tercRegister().get(code);
  return unit ? `${unit.name} (TERC ${code})` : `TERC ${code}`;
}

/** The heading and the facts of one notice, in Polish. */
function describe(notice: Notice): { heading: string; lines: string[] } {
  const s = notice.summary;
  const title = oneLine(s.title ?? (notice.type === 'event.created' ? 'wydarzenie' : 'konkurs'));
  const lines: string[] = [];
  if (notice.type === 'event.created') {
    if (s.startsAt)
      lines.push(`Termin: ${formatInstant(s.startsAt)}${s.endsAt ? ` – ${formatInstant(s.endsAt)}` : ''}`);
    const where = place(s.territoryCode);
    if (where) lines.push(`Miejsce: ${where}`);
  } else {
    if (s.opensOn || s.closesOn)
      lines.push(
        `Nabór: ${s.opensOn ? `od ${formatDate(s.opensOn)}` : ''}${s.opensOn && s.closesOn ? ' ' : ''}${s.closesOn ? `do ${formatDate(s.closesOn)}` : ''}`,
      );
    const where = place(s.territoryCode);
    if (where) lines.push(`Obszar: ${where}`);
  }
  if (s.url) lines.push(`Więcej: ${s.url}`);
  return { heading: `${notice.type === 'event.created' ? 'Nowe wydarzenie' : 'Nowy konkurs'}: ${title}`, lines };
}

const unsubscribeUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/notices/unsubscribe?token=${encodeURIComponent(token)}`;

/** RFC 8058: mail clients offer a one-click unsubscribe that POSTs to the link. */
function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

const footerText = (url: string) => `\n\n--\nAby nie otrzymywać więcej powiadomień, wypisz się: ${url}\n`;
const footerHtml = (url: string) =>
  `<hr><p style="font-size:small">Aby nie otrzymywać więcej powiadomień, <a href="${escapeHtml(url)}">wypisz się</a>.</p>`;

const htmlPage = (body: string) =>
  `<!doctype html><html lang="pl"><head><meta charset="utf-8"></head><body>${body}</body></html>`;

/** One notice of one new event or competition. */
export function noticeMail(to: string, notice: Notice, publicUrl: string, unsubscribeToken: string): Mail {
  const { heading, lines } = describe(notice);
  const url = unsubscribeUrl(publicUrl, unsubscribeToken);
  return {
    to,
    subject: heading,
    text: `${heading}\n\n${lines.join('\n')}${footerText(url)}`,
    html: htmlPage(`<h1>${escapeHtml(heading)}</h1><p>${lines.map(escapeHtml).join('<br>')}</p>${footerHtml(url)}`),
    headers: unsubscribeHeaders(url),
  };
}

/** One digest of everything collected since the last one. */
export function digestMail(to: string, notices: readonly Notice[], publicUrl: string, unsubscribeToken: string): Mail {
  const url = unsubscribeUrl(publicUrl, unsubscribeToken);
  const described = notices.map(describe);
  const subject = `Powiadomienia ngo-hub: ${notices.length} ${notices.length === 1 ? 'nowość' : 'nowości'}`;
  return {
    to,
    subject,
    text: `${subject}\n\n${described.map((d) => `* ${d.heading}\n  ${d.lines.join('\n  ')}`).join('\n\n')}${footerText(url)}`,
    html: htmlPage(
      `<h1>${escapeHtml(subject)}</h1>${described
        .map((d) => `<h2>${escapeHtml(d.heading)}</h2><p>${d.lines.map(escapeHtml).join('<br>')}</p>`)
        .join('')}${footerHtml(url)}`,
    ),
    headers: unsubscribeHeaders(url),
  };
}

/** Asks the address's owner to confirm; nothing is sent to it before they do. */
export function confirmationMail(
  to: string,
  subscription: { territory: string; kinds: string[]; frequency: string },
  publicUrl: string,
  confirmToken: string,
): Mail {
  const url = `${publicUrl}/notices/confirm?token=${encodeURIComponent(confirmToken)}`;
  const what = subscription.kinds.map((k) => labelOf('NoticeKind', k)).join(' i ');
  const where = place(subscription.territory) ?? subscription.territory;
  const how = labelOf('NoticeFrequency', subscription.frequency);
  const intro = `Ktoś (zapewne Ty) poprosił o powiadomienia e-mail ngo-hub: ${what}, obszar ${where}, ${how}.`;
  const ignore = 'Jeśli to nie Ty, zignoruj tę wiadomość: bez potwierdzenia nic więcej nie wyślemy.';
  return {
    to,
    subject: 'Potwierdź subskrypcję powiadomień ngo-hub',
    text: `${intro}\n\nAby potwierdzić, otwórz: ${url}\n\n${ignore}\n`,
    html: htmlPage(
      `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">Potwierdź subskrypcję</a></p><p>${escapeHtml(ignore)}</p>`,
    ),
  };
}
