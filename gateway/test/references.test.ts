import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { demoOrganisationId } from '@ngo-hub/kit';
import { postGraphQL, TEST_ADMIN_TOKEN } from '@ngo-hub/kit/testing';
import { startTestGateway, startTestSubgraphs, type TestSubgraphs } from './support/hub.js';

// References across subgraphs on the whole hub: writes naming something no subgraph has are
// refused; a reference that dangles anyway (written around the API) leaves lists and feeds readable.
let hub: TestSubgraphs;
let sql: pg.Client;
let gateway: FastifyInstance;
let url: string;

beforeAll(async () => {
  hub = await startTestSubgraphs('references');
  ({ app: gateway, url } = await startTestGateway(hub.subgraphs));
  sql = new pg.Client({ connectionString: hub.db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await gateway?.close();
  await hub?.close();
});

const admin = (query: string, variables?: Record<string, unknown>) =>
  postGraphQL(url, query, variables, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
const ask = (query: string, variables?: Record<string, unknown>) => postGraphQL(url, query, variables);

const CREATE_ORGANISATION = 'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }';
const CREATE_PARTNERSHIP = 'mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) { id } }';
const CREATE_EVENT =
  'mutation($input: CreateEventInput!) { createEvent(input: $input) { id organisers { id name } partnership { id name } } }';
const ADD_MEMBERSHIP =
  'mutation($input: AddMembershipInput!) { addMembership(input: $input) { id organisation { name } } }';
const CREATE_GRANT =
  'mutation($input: CreateGrantInput!) { createGrant(input: $input) { id recipient { name } partners { name } partnership { name } } }';

const BORIS = demoOrganisationId('boris');
const event = (input: Record<string, unknown>) => ({
  title: 'Spotkanie sieci',
  kind: 'MEETING',
  datePrecision: 'DAY',
  startsAt: '2031-05-12T00:00:00',
  ...input,
});
const tableRows = async (table: string) =>
  Number((await sql.query(`select count(*)::int as n from ${table}`)).rows[0].n);

describe("writes naming another subgraph's entity", () => {
  it('refuses unknown organisers and an unknown partnership of an event, every one listed, and writes nothing', async () => {
    const before = await tableRows('events.event');
    const [ghostA, ghostB, ghostPartnership] = [randomUUID(), randomUUID(), randomUUID()];
    const result = await admin(CREATE_EVENT, {
      input: event({ organiserIds: [BORIS, ghostA, ghostB], partnershipId: ghostPartnership }),
    });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.organiserIds.1',
      problems: [
        { field: 'input.organiserIds.1', message: `Organisation ${ghostA} does not exist` },
        { field: 'input.organiserIds.2', message: `Organisation ${ghostB} does not exist` },
        { field: 'input.partnershipId', message: `Partnership ${ghostPartnership} does not exist` },
      ],
    });
    expect(await tableRows('events.event')).toBe(before);
  });

  it('refuses a membership of an unknown organisation and a grant for an unknown recipient or partner', async () => {
    const partnershipId = (await ask('{ partnerships(first: 1) { edges { node { id } } } }')).data.partnerships.edges[0]
      .node.id;
    const ghost = randomUUID();
    const membership = await admin(ADD_MEMBERSHIP, { input: { partnershipId, organisationId: ghost, role: 'MEMBER' } });
    expect(membership.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.organisationId' });

    const funderId = (await ask('{ funders { id name } }')).data.funders.find(
      (f: any) => f.name === 'Miasto Białystok',
    ).id;
    const grant = await admin(CREATE_GRANT, {
      input: {
        title: 'Dla nikogo',
        formOfSupport: 'GRANT',
        funderId,
        recipientId: ghost,
        partnerIds: [BORIS, randomUUID()],
      },
    });
    expect(grant.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.recipientId',
      problems: [{ field: 'input.recipientId' }, { field: 'input.partnerIds.1' }],
    });
    expect(await tableRows('funding.grant_award')).toBe(2);
  });

  it('takes an organisation and a partnership created through the gateway right away', async () => {
    const organisation = await admin(CREATE_ORGANISATION, {
      input: { name: 'Stowarzyszenie Nowo Założone', sector: 'NGO', legalForm: 'STOWARZYSZENIE', territory: '1433042' },
    });
    expect(organisation.errors).toBeUndefined();
    const organisationId = organisation.data.createOrganisation.id;
    const partnership = await admin(CREATE_PARTNERSHIP, {
      input: { name: 'Partnerstwo Nowo Założone', territory: '1433042' },
    });
    expect(partnership.errors).toBeUndefined();
    const partnershipId = partnership.data.createPartnership.id;

    // No waiting: each owner delivers its events before its mutation answers.
    const created = await admin(CREATE_EVENT, {
      input: event({ organiserIds: [organisationId, BORIS], partnershipId }),
    });
    expect(created.errors).toBeUndefined();
    expect(created.data.createEvent).toMatchObject({
      organisers: [
        { id: organisationId, name: 'Stowarzyszenie Nowo Założone' },
        { id: BORIS, name: expect.any(String) },
      ],
      partnership: { id: partnershipId, name: 'Partnerstwo Nowo Założone' },
    });
    const membership = await admin(ADD_MEMBERSHIP, { input: { partnershipId, organisationId, role: 'LEAD_PARTNER' } });
    expect(membership.errors).toBeUndefined();
    expect(membership.data.addMembership.organisation).toEqual({ name: 'Stowarzyszenie Nowo Założone' });
    const funderId = (await ask('{ funders { id name } }')).data.funders.find(
      (f: any) => f.name === 'Miasto Białystok',
    ).id;
    const grant = await admin(CREATE_GRANT, {
      input: {
        title: 'Na start',
        formOfSupport: 'GRANT',
        funderId,
        recipientId: organisationId,
        partnerIds: [BORIS],
        partnershipId,
      },
    });
    expect(grant.errors).toBeUndefined();
    expect(grant.data.createGrant).toMatchObject({
      recipient: { name: 'Stowarzyszenie Nowo Założone' },
      partnership: { name: 'Partnerstwo Nowo Założone' },
    });
  });
});

describe('a reference that dangles anyway', () => {
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
  const vevent = (ics: string, id: string) =>
    unfold(ics)
      .split('BEGIN:VEVENT')
      .find((block) => block.includes(`UID:${id}@ngo-hub`));
  let organisationId: string;
  let eventId: string;
  let otherEventId: string;

  beforeAll(async () => {
    organisationId = (
      await admin(CREATE_ORGANISATION, {
        input: {
          name: 'Fundacja Trwała',
          sector: 'NGO',
          legalForm: 'FUNDACJA',
          territory: '1433042',
          email: 'biuro@trwala.example.pl',
        },
      })
    ).data.createOrganisation.id;
    eventId = (
      await admin(CREATE_EVENT, { input: event({ title: 'Spotkanie z duchem', organiserIds: [organisationId] }) })
    ).data.createEvent.id;
    otherEventId = (
      await admin(CREATE_EVENT, {
        input: event({ title: 'Spotkanie bez ducha', organiserIds: [organisationId], startsAt: '2031-05-13T00:00:00' }),
      })
    ).data.createEvent.id;
  });

  it('lists an event whose lead organiser was written in SQL around the API, without it, and keeps the feed whole', async () => {
    const ghost = randomUUID();
    await sql.query(`update events.event_organiser set position = position + 1 where event_id = $1`, [eventId]);
    await sql.query(`insert into events.event_organiser (event_id, organisation_id, position) values ($1, $2, 0)`, [
      eventId,
      ghost,
    ]);

    const list = await ask('{ events(first: 100) { totalCount edges { node { id title organisers { id name } } } } }');
    expect(list.errors).toBeUndefined();
    expect(list.data).not.toBeNull();
    const node = list.data.events.edges.map((e: any) => e.node).find((n: any) => n.id === eventId);
    expect(node.organisers).toEqual([{ id: organisationId, name: 'Fundacja Trwała' }]);
    expect(list.data.events.edges).toHaveLength(list.data.events.totalCount);

    for (const path of ['/feeds/events.ics', `/feeds/events.ics?organisation=${organisationId}`]) {
      const feed = await fetch(url.replace(/\/graphql$/, path));
      expect({ path, status: feed.status }).toEqual({ path, status: 200 });
      const ics = await feed.text();
      expect(vevent(ics, eventId)).toContain('ORGANIZER;CN="Fundacja Trwała":mailto:biuro@trwala.example.pl');
    }
  });

  it('keeps the feed whole even when the events subgraph still believes in an organisation its owner cannot resolve', async () => {
    // The replica lagging behind the owner (e.g. an organisation gone while events was unreachable):
    // the gateway cannot complete `organisers`, so the feed reads that page again without names.
    const ghost = randomUUID();
    await sql.query(`insert into events.known_id (kind, id) values ('organisation', $1)`, [ghost]);
    await sql.query(`update events.event_organiser set position = position + 1 where event_id = $1`, [otherEventId]);
    await sql.query(`insert into events.event_organiser (event_id, organisation_id, position) values ($1, $2, 0)`, [
      otherEventId,
      ghost,
    ]);

    const feed = await fetch(url.replace(/\/graphql$/, '/feeds/events.ics'));
    expect(feed.status).toBe(200);
    const ics = await feed.text();
    // The event whose lead cannot be resolved has no ORGANIZER; every other event keeps its own.
    expect(vevent(ics, otherEventId)).toBeDefined();
    expect(vevent(ics, otherEventId)).not.toContain('ORGANIZER');
    expect(vevent(ics, eventId)).toContain('ORGANIZER;CN="Fundacja Trwała":mailto:biuro@trwala.example.pl');
  });
});
