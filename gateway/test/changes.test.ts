import type { FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { eventually, postGraphQL, TEST_ADMIN_TOKEN } from '@ngo-hub/kit/testing';
import { type ReceivedMail, startMailInbox, startReceiver } from '@ngo-hub/notifications/testing';
import { startTestGateway, startTestSubgraphs, type TestSubgraphs } from './support/hub.js';

// Issue 10 end to end: an organisation's editor writes through the gateway; a portal's webhook and
// the council's e-mail subscription hear about it through the real chain (the owner's audit entry,
// its outbox, the notifications subgraph's inbox, durable jobs), from a real HTTP receiver and a
// real SMTP server.
let hub: TestSubgraphs;
let gateway: FastifyInstance;
let url: string;
let base: string;
let inbox: Awaited<ReturnType<typeof startMailInbox>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const BIALYSTOK = '2061011';
const WARSAW = '1465011';
let editor: Record<string, string>;
let organisationId: string;
let secret: string;

async function as<T = any>(headers: Record<string, string>, query: string, variables?: Record<string, unknown>) {
  const result = await postGraphQL<T>(url, query, variables, headers);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

const createEvent = async (title: string, territory: string) =>
  (
    await as(editor, 'mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }', {
      i: {
        title,
        kind: 'MEETING',
        datePrecision: 'TIME',
        startsAt: '2027-03-10T10:00:00+01:00',
        organiserIds: [organisationId],
        venue: { name: 'Sala', locality: 'Miasto', territory },
      },
    })
  ).createEvent.id as string;

const mailsTo = (address: string) => inbox.mails.filter((m) => m.to.includes(address));
const linkIn = (mail: ReceivedMail, path: string) => {
  const match = new RegExp(`https?://[^\\s"<>]*${path}\\?token=([\\w-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in ${mail.text}`);
  return `${base}${path}?token=${match[1]}`;
};

beforeAll(async () => {
  inbox = await startMailInbox();
  receiver = await startReceiver([200]);
  hub = await startTestSubgraphs('changes', { notifications: { smtpUrl: `smtp://127.0.0.1:${inbox.port}` } });
  ({ app: gateway, url } = await startTestGateway(hub.subgraphs));
  base = url.replace(/\/graphql$/, '');

  organisationId = (
    await as(
      ADMIN,
      'mutation { createOrganisation(input: { name: "Fundacja Zmian", sector: NGO, legalForm: FUNDACJA, territory: "2061011" }) { id } }',
    )
  ).createOrganisation.id;
  const keys = await as(
    ADMIN,
    `mutation($org: ID!) {
      editor: createApiKey(input: { name: "Fundacja Zmian", role: ORGANISATION_EDITOR, organisationId: $org }) { secret }
      portal: createApiKey(input: { name: "Portal Białystok", role: PORTAL, territories: ["20"] }) { secret }
    }`,
    { org: organisationId },
  );
  editor = { authorization: `Bearer ${keys.editor.secret}` };
  const portal = { authorization: `Bearer ${keys.portal.secret}` };
  secret = (
    await as(portal, 'mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { secret } }', {
      i: { url: receiver.url, events: ['event.created', 'event.cancelled'], territory: BIALYSTOK },
    })
  ).createWebhook.secret;
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await hub?.close();
  await receiver?.close();
  await inbox?.close();
});

describe('telling people what changed', () => {
  const council = 'rada.bialystok@example.org';

  it('confirms an e-mail subscription through the link in the confirmation mail', async () => {
    const answer = await postGraphQL(
      url,
      'mutation($i: SubscribeToNoticesInput!) { subscribeToNotices(input: $i) { accepted message } }',
      { i: { email: council, territory: BIALYSTOK, kinds: ['EVENTS'], frequency: 'IMMEDIATE' } },
    );
    expect(answer.data.subscribeToNotices.accepted).toBe(true);
    expect(JSON.stringify(answer)).not.toContain(council);
    const confirmation = await eventually(async () => mailsTo(council)[0], 15_000);
    const page = await fetch(linkIn(confirmation, '/notices/confirm'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('potwierdzona');
  });

  it('delivers a signed webhook and a Polish notice for a new event in the territory, and nothing for one elsewhere', async () => {
    const warsaw = await createEvent('Spotkanie w Warszawie', WARSAW);
    const bialystok = await createEvent('Spotkanie organizacji w Białymstoku', BIALYSTOK);
    const delivery = await eventually(
      async () => receiver.received.find((r) => JSON.parse(r.body).data.id === bialystok),
      15_000,
    );
    const verified = new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as any;
    expect(verified).toMatchObject({ type: 'event.created', data: { id: bialystok, territoryCode: BIALYSTOK } });

    const notice = await eventually(
      async () => mailsTo(council).find((m) => /Nowe wydarzenie/.test(m.headers.subject ?? '')),
      15_000,
    );
    expect(notice.headers.subject).toContain('Spotkanie organizacji w Białymstoku');
    expect(notice.headers['list-unsubscribe']).toMatch(/\/notices\/unsubscribe\?token=/);
    expect(notice.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(receiver.received.some((r) => JSON.parse(r.body).data.id === warsaw)).toBe(false);
    expect(mailsTo(council).some((m) => m.text.includes('Spotkanie w Warszawie'))).toBe(false);
  });

  it('tells the webhook a cancellation as a change of status', async () => {
    const id = await createEvent('Warsztaty odwołane', BIALYSTOK);
    await as(editor, 'mutation($id: ID!) { cancelEvent(id: $id) { status } }', { id });
    const cancelled = await eventually(
      async () =>
        receiver.received.map((r) => JSON.parse(r.body)).find((b) => b.type === 'event.cancelled' && b.data.id === id),
      15_000,
    );
    expect(cancelled.data.status).toBe('CANCELLED');
  });

  it('sends nothing more after a one-click unsubscribe', async () => {
    // Every notice owed so far has arrived (the cancelled workshop's announcement was the last one).
    await eventually(async () => mailsTo(council).find((m) => m.text.includes('Warsztaty odwołane')), 15_000);
    const notice = mailsTo(council).find((m) => /Nowe wydarzenie/.test(m.headers.subject ?? ''))!;
    const target = /<([^>]+)>/.exec(notice.headers['list-unsubscribe']!)![1]!.replace(/^https?:\/\/[^/]+/, base);
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    const before = mailsTo(council).length;
    const id = await createEvent('Po wypisaniu się', BIALYSTOK);
    // The webhook hears of the same change: once it has, the notice would have been queued too.
    await eventually(async () => receiver.received.find((r) => JSON.parse(r.body).data.id === id), 15_000);
    await new Promise((r) => setTimeout(r, 2500));
    expect(mailsTo(council).length).toBe(before);
    expect(mailsTo(council).some((m) => m.text.includes('Po wypisaniu się'))).toBe(false);
    const rows = await hub.subgraphs.notifications.orm.em
      .fork()
      .execute('select count(*)::int as n from notifications.notice_subscription where email = ?', [council]);
    expect(rows[0]!.n).toBe(0);
  });
});
