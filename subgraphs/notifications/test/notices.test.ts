import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditPayload } from '@ngo-hub/kit';
import {
  createTestDatabase,
  startTestSubgraph,
  TEST_INTERNAL_TOKEN,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { createNotificationsSubgraph, type NotificationSettings } from '../src/index.js';
import { parseMail, type ReceivedMail, startMailInbox } from '../src/testing/index.js';

// E-mail notices end to end on real PostgreSQL and a real SMTP server: subscribe, confirm through the
// mailed link, notices of the audit entries the hub delivers, one-click unsubscribe, daily digests.
const PUBLIC_URL = 'http://hub.example';
let db: TestDatabase;
let service: TestSubgraph;
let inbox: Awaited<ReturnType<typeof startMailInbox>>;

const settings = (extra: Partial<NotificationSettings>): NotificationSettings => ({
  mailDir: '/nonexistent',
  mailFrom: 'ngo-hub <powiadomienia@hub.example>',
  publicUrl: PUBLIC_URL,
  allowPrivateWebhooks: false,
  webhookTimeoutMs: 1000,
  ...extra,
});

beforeAll(async () => {
  inbox = await startMailInbox();
  db = await createTestDatabase('notices');
  service = await startTestSubgraph(
    createNotificationsSubgraph(settings({ smtpUrl: `smtp://127.0.0.1:${inbox.port}` })),
    db.url,
  );
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
  await inbox?.close();
});

/** Runs the due jobs; twice, since the worker's own timer may be mid-round and the first call joins that round. */
async function runJobs(target = service): Promise<void> {
  await target.jobs!.runDue();
  await target.jobs!.runDue();
}

let version = 1;
type Summary = NonNullable<AuditPayload['summary']>;

/** Delivers audit entries as a subgraph's outbox does; returns them for redelivery. */
async function deliver(
  entries: { key: string; operation: string; entityType: string; summary: Summary; version?: number }[],
  target = service,
) {
  const response = await fetch(target.url.replace(/\/graphql$/, '/internal/events'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INTERNAL_TOKEN}` },
    body: JSON.stringify({
      publisher: 'events',
      events: entries.map((e) => ({
        topic: 'audit.entry',
        key: e.key,
        version: e.version ?? version++,
        payload: {
          at: new Date().toISOString(),
          actor: { subject: 'key:x', name: 'x', role: 'ORGANISATION_EDITOR' },
          operation: e.operation,
          entityType: e.entityType,
          entityId: randomUUID(),
          changedFields: ['title'],
          summary: e.summary,
        } satisfies AuditPayload,
      })),
    }),
  });
  expect(response.ok).toBe(true);
}

const eventCreated = (title: string, territoryCode: string) => ({
  key: randomUUID(),
  operation: 'createEvent',
  entityType: 'Event',
  summary: { title, territoryCode, startsAt: '2026-05-04T16:00:00Z', endsAt: '2026-05-04T18:00:00Z' },
});
const callPublished = (title: string, territoryCode: string) => ({
  key: randomUUID(),
  operation: 'createCall',
  entityType: 'Call',
  summary: { title, territoryCode, opensOn: '2026-05-01', closesOn: '2026-06-15' },
});

const SUBSCRIBE = `mutation($i: SubscribeToNoticesInput!) { subscribeToNotices(input: $i) { accepted message } }`;

async function subscribe(email: string, territory: string, kinds: string[], frequency?: string) {
  const result = await service.query(SUBSCRIBE, { i: { email, territory, kinds, frequency } });
  expect(result.errors).toBeUndefined();
  return result.data.subscribeToNotices;
}

const tokenIn = (mail: ReceivedMail, path: string) => {
  const match = new RegExp(`${PUBLIC_URL}${path}\\?token=([A-Za-z0-9_-]{43})`).exec(mail.text);
  expect(match).not.toBeNull();
  return match![1]!;
};

const mailsTo = (email: string) => inbox.mails.filter((m) => m.to.includes(email));

async function rows(email: string) {
  return service.orm.em.fork().execute('select * from notifications.notice_subscription where email = ?', [email]);
}

/** Subscribes, opens the mailed confirmation link's token, and returns the confirmed address. */
async function confirmedSubscriber(territory: string, kinds: string[], frequency?: string): Promise<string> {
  const email = `${randomUUID().slice(0, 8)}@example.org`;
  await subscribe(email, territory, kinds, frequency);
  await runJobs();
  const [confirmation] = mailsTo(email);
  const confirmed = await service.query('mutation($t: String!) { confirmNotices(token: $t) }', {
    t: tokenIn(confirmation!, '/notices/confirm'),
  });
  expect(confirmed.data.confirmNotices).toBe(true);
  return email;
}

describe('subscribing', () => {
  it('answers anyone without the address, mails a confirmation link, and sends nothing before it is opened', async () => {
    const email = 'Ala.Nowak@Example.org';
    const answer = await service.query(SUBSCRIBE, {
      i: { email, territory: '1465011', kinds: ['EVENTS'] },
    });
    expect(answer.data.subscribeToNotices.accepted).toBe(true);
    expect(JSON.stringify(answer).toLowerCase()).not.toContain('ala.nowak');

    await runJobs();
    const [confirmation, ...more] = mailsTo('ala.nowak@example.org');
    expect(more).toEqual([]);
    expect(confirmation!.headers.subject).toBe('Potwierdź subskrypcję powiadomień ngo-hub');
    expect(confirmation!.headers.from).toContain('powiadomienia@hub.example');
    // The mail says what was asked for, in the words of the shared vocabulary (kit labels).
    expect(confirmation!.text).toContain('nowe wydarzenia, obszar');
    expect(confirmation!.text).toContain('od razu po ogłoszeniu');
    const token = tokenIn(confirmation!, '/notices/confirm');
    const [row] = await rows('ala.nowak@example.org');
    expect(row.confirmed_at).toBeNull();
    expect(JSON.stringify(row)).not.toContain(token);

    await deliver([eventCreated('Piknik przed potwierdzeniem', '1465028')]);
    await runJobs();
    expect(mailsTo('ala.nowak@example.org')).toHaveLength(1);

    const confirmed = await service.query('mutation($t: String!) { confirmNotices(token: $t) }', { t: token });
    expect(confirmed.data.confirmNotices).toBe(true);
    expect((await rows('ala.nowak@example.org'))[0].confirmed_at).not.toBeNull();
  });

  it('refuses a malformed address, an unknown territory and no kinds, naming the field', async () => {
    const bad = async (input: Record<string, unknown>) =>
      (
        await service.query(SUBSCRIBE, {
          i: { email: 'x@example.org', territory: '14', kinds: ['CALLS'], ...input },
        })
      ).errors?.[0];
    expect((await bad({ email: 'not-an-address' }))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.email',
    });
    expect((await bad({ email: 'not-an-address' }))?.message).not.toContain('not-an-address');
    expect((await bad({ territory: '9999999' }))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.territory',
    });
    expect((await bad({ kinds: [] }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kinds' });
    const ghost = await service.query('mutation { confirmNotices(token: "short") }');
    expect(ghost.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    const unknown = await service.query('mutation($t: String!) { confirmNotices(token: $t) }', {
      t: 'A'.repeat(43),
    });
    expect(unknown.data.confirmNotices).toBe(false);
  });

  it('re-subscribing replaces kinds and frequency and mails a new confirmation while unconfirmed', async () => {
    const email = 'zmiana@example.org';
    await subscribe(email, '12', ['EVENTS']);
    await subscribe(email, '12', ['CALLS', 'EVENTS'], 'DAILY');
    await runJobs();
    const stored = await rows(email);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kinds: ['CALLS', 'EVENTS'], frequency: 'DAILY' });
    expect(mailsTo(email)).toHaveLength(2);
    expect(mailsTo(email)[1]!.text).toContain('nowe konkursy i nowe wydarzenia');
    expect(mailsTo(email)[1]!.text).toContain('raz dziennie (o 7:00)');
    // The latest link confirms.
    const latest = tokenIn(mailsTo(email)[1]!, '/notices/confirm');
    expect((await service.query('mutation($t: String!) { confirmNotices(token: $t) }', { t: latest })).data).toEqual({
      confirmNotices: true,
    });
  });
});

describe('immediate notices', () => {
  it('mails one notice per new event in the territory, none outside it or of another kind, and none twice', async () => {
    const email = await confirmedSubscriber('1465011', ['EVENTS']);
    const before = mailsTo(email).length;
    const inside = eventCreated('Piknik sąsiedzki', '1465028'); // Bemowo, a district of the gmina Warszawa
    await deliver([inside, eventCreated('Jarmark', '1261011'), callPublished('Konkurs grantowy', '1465011')]);
    await runJobs();
    const notices = mailsTo(email).slice(before);
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice!.headers.subject).toBe('Nowe wydarzenie: Piknik sąsiedzki');
    expect(notice!.text).toContain('Bemowo');
    expect(notice!.text).toContain('4 maja 2026');
    const unsubscribe = tokenIn(notice!, '/notices/unsubscribe');
    expect(notice!.headers['list-unsubscribe']).toBe(`<${PUBLIC_URL}/notices/unsubscribe?token=${unsubscribe}>`);
    expect(notice!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    // The same entry again, as a redelivery (same version) and as a re-recorded one (newer version).
    await deliver([{ ...inside, version: version - 3 }]);
    await deliver([inside]);
    await runJobs();
    expect(mailsTo(email).slice(before)).toHaveLength(1);
  });

  it('tells a CALLS subscription about competitions: "Nowy konkurs" with its dates', async () => {
    const email = await confirmedSubscriber('14', ['CALLS']);
    const before = mailsTo(email).length;
    await deliver([callPublished('Aktywni seniorzy', '1465011'), eventCreated('Koncert', '1465011')]);
    await runJobs();
    const notices = mailsTo(email).slice(before);
    expect(notices.map((m) => m.headers.subject)).toEqual(['Nowy konkurs: Aktywni seniorzy']);
    expect(notices[0]!.text).toContain('od 1 maja 2026 do 15 czerwca 2026');
  });

  it('after unsubscribing through the link, nothing more arrives and the address is gone', async () => {
    const email = await confirmedSubscriber('1261011', ['EVENTS']);
    await deliver([eventCreated('Pierwsze', '1261011')]);
    await runJobs();
    const notice = mailsTo(email).at(-1)!;
    const token = tokenIn(notice, '/notices/unsubscribe');
    const gone = await service.query('mutation($t: String!) { unsubscribeNotices(token: $t) }', { t: token });
    expect(gone.data.unsubscribeNotices).toBe(true);
    expect(await rows(email)).toEqual([]);
    const count = mailsTo(email).length;
    await deliver([eventCreated('Trzecie', '1261011')]);
    await runJobs();
    expect(mailsTo(email)).toHaveLength(count);
    const again = await service.query('mutation($t: String!) { unsubscribeNotices(token: $t) }', { t: token });
    expect(again.data.unsubscribeNotices).toBe(false);
  });
});

describe('daily digests', () => {
  it('collects the day’s changes and sends one digest at 07:00 Warsaw', async () => {
    const email = await confirmedSubscriber('02', ['EVENTS', 'CALLS'], 'DAILY');
    const before = mailsTo(email).length;
    await deliver([eventCreated('Warsztaty', '0264011'), callPublished('Mikrogranty', '02')]);
    await runJobs();
    expect(mailsTo(email)).toHaveLength(before);

    const em = service.orm.em.fork();
    const [job] = await em.execute(
      `select j.run_at from notifications.job j join notifications.notice_subscription s on j.payload->>'subscriptionId' = s.id::text
       where j.kind = 'notice.digest' and s.email = ?`,
      [email],
    );
    const runAt = new Date(job.run_at);
    expect(runAt.getTime()).toBeGreaterThan(Date.now());
    expect(new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', timeStyle: 'short' }).format(runAt)).toBe(
      '07:00',
    );

    await em.execute(`update notifications.job set run_at = now() where kind = 'notice.digest'`);
    await runJobs();
    const digests = mailsTo(email).slice(before);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.headers.subject).toBe('Powiadomienia ngo-hub: 2 nowości');
    expect(digests[0]!.text).toContain('Nowe wydarzenie: Warsztaty');
    expect(digests[0]!.text).toContain('Nowy konkurs: Mikrogranty');
    expect(digests[0]!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const [{ count }] = await em.execute('select count(*)::int as count from notifications.notice_item');
    expect(count).toBe(0);
  });
});

describe('without an SMTP server', () => {
  it('writes each mail as an .eml file into the mail folder', async () => {
    const mailDir = await mkdtemp(join(tmpdir(), 'ngo-hub-mail-'));
    const fileDb = await createTestDatabase('notices_eml');
    const local = await startTestSubgraph(createNotificationsSubgraph(settings({ mailDir })), fileDb.url);
    try {
      const answer = await local.query(SUBSCRIBE, {
        i: { email: 'plik@example.org', territory: '30', kinds: ['EVENTS'] },
      });
      expect(answer.data.subscribeToNotices.accepted).toBe(true);
      await runJobs(local);
      const files = await readdir(mailDir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d+-[0-9a-f-]{36}\.eml$/);
      const mail = parseMail(await readFile(join(mailDir, files[0]!), 'utf8'));
      expect(mail.headers.to).toBe('plik@example.org');
      expect(mail.headers.subject).toBe('Potwierdź subskrypcję powiadomień ngo-hub');
      tokenIn(mail, '/notices/confirm');
    } finally {
      await local.close();
      await fileDb.drop();
      await rm(mailDir, { recursive: true, force: true });
    }
  });
});
