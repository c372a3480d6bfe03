import {
  announce,
  createTestDatabase,
  startTestSubgraph,
  type TestDatabase,
  type TestSubgraph,
} from '@ngo-hub/kit/testing';
import { DEMO_ORGANISATIONS, demoId, demoOrganisationId } from '@ngo-hub/kit';
import pg from 'pg';
import { partnershipsSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;

beforeAll(async () => {
  db = await createTestDatabase('partnerships');
  service = await startTestSubgraph(partnershipsSubgraph, db.url);
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

const LIST = `query($filter: PartnershipFilter, $first: Int, $after: String) {
  partnerships(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name territory { code } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const names = (result: any): string[] => result.data.partnerships.edges.map((e: any) => e.node.name);

const MAZOWSZE = [
  'Partnerstwo Lokalne Mokotów',
  'Partnerstwo Lokalne Powiśle',
  'Partnerstwo Lokalne Ochota',
  'Partnerstwo Lokalne Żyrardów',
  'Partnerstwo Lokalne Sochaczew',
  'Partnerstwo Lokalne Różan',
  'Partnerstwo Lokalne Pionki',
  'Partnerstwo Lokalne Słupno',
  'Partnerstwo Lokalne Liw',
  'Partnerstwo Lokalne Myszyniec',
  'Partnerstwo Lokalne Baranowo',
  'Partnerstwo Lokalne Krasnosielc',
  'Partnerstwo Doliny Jeziorki',
];
const BIALYSTOK = 'Zespół Konsultacyjny Organizacji Pozarządowych w Białymstoku';

describe('partnership list', () => {
  it('rolls a territory filter up at any level of the register', async () => {
    const mazowsze = await service.query(LIST, { filter: { territory: '14' }, first: 100 });
    expect(mazowsze.errors).toBeUndefined();
    expect(names(mazowsze).sort()).toEqual([...MAZOWSZE].sort());
    expect(names(mazowsze)).not.toContain(BIALYSTOK);

    const warsawPowiat = await service.query(LIST, { filter: { territory: '1465' } });
    expect(names(warsawPowiat).sort()).toEqual([
      'Partnerstwo Lokalne Mokotów',
      'Partnerstwo Lokalne Ochota',
      'Partnerstwo Lokalne Powiśle',
    ]);
    // The gmina code of Warsaw does not prefix its districts' codes: the roll-up must still find them.
    const warsawGmina = await service.query(LIST, { filter: { territory: '1465011' } });
    expect(warsawGmina.data.partnerships.totalCount).toBe(3);

    const piaseczno = await service.query(LIST, { filter: { territory: '1418043' } });
    expect(names(piaseczno)).toEqual(['Partnerstwo Doliny Jeziorki']);
    const podlaskie = await service.query(LIST, { filter: { territory: '20' } });
    expect(names(podlaskie)).toEqual([BIALYSTOK]);
  });

  it('finds a partnership by name ignoring case and Polish diacritics', async () => {
    const zyrardow = await service.query(LIST, { filter: { search: 'zyrardow' } });
    expect(names(zyrardow)).toEqual(['Partnerstwo Lokalne Żyrardów']);
    const rozan = await service.query(LIST, { filter: { search: 'ROŻAN' } });
    expect(names(rozan)).toEqual(['Partnerstwo Lokalne Różan']);
    const literal = await service.query(LIST, { filter: { search: '%' } });
    expect(literal.data.partnerships.totalCount).toBe(0);
  });

  it('filters by status, theme and lead partner', async () => {
    const advocacy = await service.query(LIST, { filter: { theme: 'rzecznictwo' } });
    expect(names(advocacy)).toEqual([BIALYSTOK]);
    const culture = await service.query(LIST, { filter: { theme: 'kultura', status: 'ACTIVE' } });
    expect(culture.data.partnerships.totalCount).toBe(13);
    const forming = await service.query(LIST, { filter: { status: 'FORMING' } });
    expect(forming.data.partnerships.totalCount).toBe(0);
    const led = await service.query(LIST, { filter: { leadPartner: demoOrganisationId('urzad-gminy-liw') } });
    expect(names(led)).toEqual(['Partnerstwo Lokalne Liw']);
    // BORIS is a member everywhere but lead partner nowhere.
    const boris = await service.query(LIST, { filter: { leadPartner: demoOrganisationId('boris') } });
    expect(boris.data.partnerships.totalCount).toBe(0);
  });

  it('pages with cursors without skipping or repeating a partnership', async () => {
    const all = await service.query(LIST, { first: 100 });
    expect(all.data.partnerships.totalCount).toBe(14);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await service.query(LIST, { first: 4, after });
      seen.push(...names(page));
      after = page.data.partnerships.pageInfo.hasNextPage ? page.data.partnerships.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(names(all));
  });

  it('refuses a page over 100, bad filters and an unknown id with coded errors', async () => {
    const big = await service.query(LIST, { first: 1000 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const malformed = await service.query(LIST, { filter: { territory: '14x' } });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.territory' });
    const unknownTerritory = await service.query(LIST, { filter: { territory: '1499' } });
    expect(unknownTerritory.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'filter.territory' });
    const badLead = await service.query(LIST, { filter: { leadPartner: 'boris' } });
    expect(badLead.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.leadPartner' });
    const unknown = await service.query('{ partnership(id: "00000000-0000-4000-8000-000000000000") { name } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const notUuid = await service.query('{ partnership(id: "mokotow") { name } }');
    expect(notUuid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('demo partnerships and memberships', () => {
  const ONE = `query($id: ID!) { partnership(id: $id) {
    name status hasLegalPersonality themes territory { code } leadPartner { id } memberCount
    memberships { role isActive joinedOn declarationSignedOn organisation { id } partnership { id } }
  } }`;

  it('makes the local office lead partner and BORIS a member of a BORIS-supported partnership', async () => {
    const result = await service.query(ONE, { id: demoId('partnership', 'powisle') });
    expect(result.errors).toBeUndefined();
    const p = result.data.partnership;
    expect(p).toMatchObject({
      name: 'Partnerstwo Lokalne Powiśle',
      status: 'ACTIVE',
      hasLegalPersonality: false,
      territory: { code: '1465108' },
      memberCount: 2,
    });
    expect(p.themes).toEqual(['ekologia', 'kultura', 'animacja społeczności lokalnej', 'pomoc społeczna']);
    expect(p.leadPartner).toEqual({ id: demoOrganisationId('urzad-dzielnicy-srodmiescie') });
    expect(p.memberships).toEqual([
      {
        role: 'LEAD_PARTNER',
        isActive: true,
        joinedOn: null,
        declarationSignedOn: null,
        organisation: { id: demoOrganisationId('urzad-dzielnicy-srodmiescie') },
        partnership: { id: demoId('partnership', 'powisle') },
      },
      {
        role: 'MEMBER',
        isActive: true,
        joinedOn: null,
        declarationSignedOn: null,
        organisation: { id: demoOrganisationId('boris') },
        partnership: { id: demoId('partnership', 'powisle') },
      },
    ]);
  });

  it('has the Białystok consultative team led by its contact point', async () => {
    const result = await service.query(ONE, { id: demoId('partnership', 'zespol-konsultacyjny-bialystok') });
    const p = result.data.partnership;
    expect(p.name).toBe(BIALYSTOK);
    expect(p.leadPartner).toEqual({ id: demoOrganisationId('centrum-wspolpracy-op-bialystok') });
    expect(p.memberships.map((m: any) => m.organisation.id)).toEqual([
      demoOrganisationId('centrum-wspolpracy-op-bialystok'),
      demoOrganisationId('urzad-miejski-bialystok'),
    ]);
  });

  it('costs the same number of SQL statements for 3 or 14 partnerships with their memberships', async () => {
    const query = `query($first: Int) { partnerships(first: $first) { totalCount edges { node {
      name territory { code } leadPartner { id } memberCount memberships { role organisation { id } partnership { name } }
    } } } }`;
    const three = await service.query(query, { first: 3 });
    const fourteen = await service.query(query, { first: 14 });
    expect(three.errors).toBeUndefined();
    expect(three.data.partnerships.edges).toHaveLength(3);
    expect(fourteen.data.partnerships.edges).toHaveLength(14);
    expect(fourteen.sqlStatements).toBe(three.sqlStatements);
    expect(three.sqlStatements).toBeLessThanOrEqual(3);
  });
});

describe('federation', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation {
    id memberships { role isActive partnership { name themes hasLegalPersonality territory { code } leadPartner { id } } } partnerships { name }
  } } }`;
  const reps = (keys: readonly string[]) =>
    keys.map((k) => ({ __typename: 'Organisation', id: demoOrganisationId(k as any) }));

  it('adds memberships and partnerships to an organisation', async () => {
    const result = await service.query(ENTITIES, {
      r: [...reps(['boris', 'urzad-gminy-liw']), { __typename: 'Organisation', id: 'not-a-uuid' }],
    });
    expect(result.errors).toBeUndefined();
    const [boris, liw, unknown] = result.data._entities;
    expect(boris.partnerships).toHaveLength(13);
    expect(boris.memberships.every((m: any) => m.role === 'MEMBER')).toBe(true);
    expect(liw.memberships).toEqual([
      {
        role: 'LEAD_PARTNER',
        isActive: true,
        partnership: {
          name: 'Partnerstwo Lokalne Liw',
          themes: ['ekologia', 'kultura', 'animacja społeczności lokalnej', 'pomoc społeczna'],
          hasLegalPersonality: false,
          territory: { code: '1433042' },
          leadPartner: { id: demoOrganisationId('urzad-gminy-liw') },
        },
      },
    ]);
    expect(liw.partnerships).toEqual([{ name: 'Partnerstwo Lokalne Liw' }]);
    expect(unknown).toMatchObject({ memberships: [], partnerships: [] });
  });

  it('costs the same number of SQL statements for 2 or 20 organisation representations', async () => {
    const two = await service.query(ENTITIES, { r: reps(DEMO_ORGANISATIONS.slice(0, 2)) });
    const twenty = await service.query(ENTITIES, { r: reps(DEMO_ORGANISATIONS.slice(0, 20)) });
    expect(twenty.errors).toBeUndefined();
    expect(twenty.data._entities).toHaveLength(20);
    expect(twenty.sqlStatements).toBe(two.sqlStatements);
    expect(two.sqlStatements).toBeLessThanOrEqual(3);
  });

  it('resolves Partnership references through one batched lookup', async () => {
    const keys = ['liw', 'mokotow', 'pionki'];
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Partnership { name } } }`;
    const result = await service.query(query, {
      r: keys.map((k) => ({ __typename: 'Partnership', id: demoId('partnership', k) })),
    });
    expect(result.data._entities.map((e: any) => e.name)).toEqual([
      'Partnerstwo Lokalne Liw',
      'Partnerstwo Lokalne Mokotów',
      'Partnerstwo Lokalne Pionki',
    ]);
    expect(result.sqlStatements).toBe(1);
  });
});

describe('mutations', () => {
  const CREATE = `mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) { id name status themes territory { code } additionalTerritories { code } hasLegalPersonality } }`;
  const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { id role isActive joinedOn leftOn declarationSignedOn organisation { id } partnership { id } } }`;
  const END = `mutation($id: ID!, $leftOn: String!) { endMembership(id: $id, leftOn: $leftOn) { id isActive leftOn } }`;
  const MEMBERS = `query($id: ID!) { partnership(id: $id) { memberCount leadPartner { id } memberships { id role isActive organisation { id } } } }`;
  const ORG_A = '1b0f6d1e-7a43-4f0e-9a53-2d7d1f0c9a01';
  const ORG_B = '1b0f6d1e-7a43-4f0e-9a53-2d7d1f0c9a02';

  const create = async (name: string) => {
    const result = await service.query(CREATE, { input: { name, territory: '1433042' } }, { admin: true });
    expect(result.errors).toBeUndefined();
    return result.data.createPartnership.id as string;
  };
  const members = async (id: string) => (await service.query(MEMBERS, { id })).data.partnership;

  // What the organisations subgraph would publish about these two organisations.
  beforeAll(() => announce(service, 'organisation', [ORG_A, ORG_B]));

  it('needs a credential, and ADMIN to create a partnership or add a member', async () => {
    const result = await service.query(CREATE, { input: { name: 'X', territory: '1433042' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const input = { partnershipId: demoId('partnership', 'liw'), organisationId: ORG_A, role: 'MEMBER' };
    const add = await service.query(ADD, { input });
    expect(add.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Even its own coordinator cannot add a member directly: members join through a declaration.
    const coordinator = { role: 'COORDINATOR' as const, partnershipId: input.partnershipId };
    const byCoordinator = await service.query(ADD, { input }, { as: coordinator });
    expect(byCoordinator.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', needs: 'ADMIN' });
    const byCoordinatorCreate = await service.query(
      CREATE,
      { input: { name: 'X', territory: '1433042' } },
      { as: coordinator },
    );
    expect(byCoordinatorCreate.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await members(input.partnershipId)).memberships).toHaveLength(2);
  });

  it('creates a partnership with defaults and rejects bad input without writing', async () => {
    const created = await service.query(
      CREATE,
      {
        input: {
          name: 'Partnerstwo Testowe Węgrów',
          territory: '1433042',
          additionalTerritories: ['1433053'],
          themes: ['kultura', 'kultura', 'sport'],
        },
      },
      { admin: true },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createPartnership).toMatchObject({
      status: 'FORMING',
      themes: ['kultura', 'sport'],
      territory: { code: '1433042' },
      additionalTerritories: [{ code: '1433053' }],
      hasLegalPersonality: false,
    });
    // An additional territory counts for the roll-up too.
    const lochow = await service.query(LIST, { filter: { territory: '1433053' } });
    expect(names(lochow)).toEqual(['Partnerstwo Testowe Węgrów']);

    const badTerritory = await service.query(
      CREATE,
      { input: { name: 'Partnerstwo Odrzucone', territory: '1499999' } },
      { admin: true },
    );
    expect(badTerritory.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.territory' });
    const badDate = await service.query(
      CREATE,
      { input: { name: 'Partnerstwo Odrzucone', territory: '1433042', establishedOn: '2021-02-30' } },
      { admin: true },
    );
    expect(badDate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.establishedOn' });
    const repeated = await service.query(
      CREATE,
      { input: { name: 'Partnerstwo Odrzucone', territory: '1433042', additionalTerritories: ['1433042'] } },
      { admin: true },
    );
    expect(repeated.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.additionalTerritories.0',
    });
    const none = await service.query(LIST, { filter: { search: 'Odrzucone' } });
    expect(none.data.partnerships.totalCount).toBe(0);
  });

  it('validates membership input: ids, existing partnership, real dates, end not before start', async () => {
    const partnershipId = await create('Partnerstwo Walidacji');
    const base = { partnershipId, organisationId: ORG_A, role: 'MEMBER' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ partnershipId: 'liw' }, 'BAD_USER_INPUT', 'input.partnershipId'],
      [{ organisationId: 'boris' }, 'BAD_USER_INPUT', 'input.organisationId'],
      [{ partnershipId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'input.partnershipId'],
      [{ joinedOn: '2021-13-01' }, 'BAD_USER_INPUT', 'input.joinedOn'],
      [{ declarationSignedOn: '2021-02-29' }, 'BAD_USER_INPUT', 'input.declarationSignedOn'],
      [{ joinedOn: '2021-06-07', leftOn: '2021-06-06' }, 'BAD_USER_INPUT', 'input.leftOn'],
    ];
    for (const [change, code, field] of cases) {
      const result = await service.query(ADD, { input: { ...base, ...change } }, { admin: true });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    expect((await members(partnershipId)).memberships).toEqual([]);
  });

  it('refuses an organisation the hub does not know, with an unknown partnership in the same error', async () => {
    const partnershipId = await create('Partnerstwo Nieznanych');
    const ghost = '1b0f6d1e-7a43-4f0e-9a53-2d7d1f0c9aff';
    const unknown = await service.query(
      ADD,
      { input: { partnershipId, organisationId: ghost, role: 'MEMBER' } },
      { admin: true },
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.organisationId',
      problems: [{ field: 'input.organisationId', message: `Organisation ${ghost} does not exist` }],
    });
    const both = await service.query(
      ADD,
      { input: { partnershipId: '00000000-0000-4000-8000-000000000000', organisationId: ghost, role: 'MEMBER' } },
      { admin: true },
    );
    expect(both.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.partnershipId',
      problems: [{ field: 'input.partnershipId' }, { field: 'input.organisationId' }],
    });
    expect((await members(partnershipId)).memberships).toEqual([]);
    // Once organisations has published it, the same membership is taken.
    await announce(service, 'organisation', [ghost]);
    const known = await service.query(
      ADD,
      { input: { partnershipId, organisationId: ghost, role: 'MEMBER' } },
      { admin: true },
    );
    expect(known.errors).toBeUndefined();
    expect((await members(partnershipId)).memberships).toEqual([
      expect.objectContaining({ organisation: { id: ghost } }),
    ]);
  });

  it('allows one active lead partner and one active membership per organisation, writing nothing on CONFLICT', async () => {
    const partnershipId = await create('Partnerstwo Reguł');
    const lead = await service.query(
      ADD,
      {
        input: {
          partnershipId,
          organisationId: ORG_A,
          role: 'LEAD_PARTNER',
          declarationSignedOn: '2020-01-15',
          joinedOn: '2020-02-01',
        },
      },
      { admin: true },
    );
    expect(lead.errors).toBeUndefined();
    expect(lead.data.addMembership).toMatchObject({
      role: 'LEAD_PARTNER',
      isActive: true,
      joinedOn: '2020-02-01',
      declarationSignedOn: '2020-01-15',
      leftOn: null,
      organisation: { id: ORG_A },
      partnership: { id: partnershipId },
    });

    const secondLead = await service.query(
      ADD,
      { input: { partnershipId, organisationId: ORG_B, role: 'LEAD_PARTNER' } },
      { admin: true },
    );
    expect(secondLead.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.role' });
    const twice = await service.query(
      ADD,
      { input: { partnershipId, organisationId: ORG_A, role: 'MEMBER' } },
      { admin: true },
    );
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.organisationId' });
    // A lead partner whose membership ends in the future is still active.
    const futureEnd = await service.query(
      ADD,
      { input: { partnershipId, organisationId: ORG_B, role: 'LEAD_PARTNER', leftOn: '2999-12-31' } },
      { admin: true },
    );
    expect(futureEnd.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.role' });

    const after = await members(partnershipId);
    expect(after.memberships).toHaveLength(1);
    expect(after).toMatchObject({ memberCount: 1, leadPartner: { id: ORG_A } });

    // A past membership is history, not a second active one, so it is accepted.
    const past = await service.query(
      ADD,
      { input: { partnershipId, organisationId: ORG_A, role: 'MEMBER', joinedOn: '2015-01-01', leftOn: '2016-01-01' } },
      { admin: true },
    );
    expect(past.data.addMembership).toMatchObject({ isActive: false, leftOn: '2016-01-01' });
    expect(await members(partnershipId)).toMatchObject({ memberCount: 1 });
  });

  it('checks a lead partner added while another writer is adding one only after that writer commits', async () => {
    const partnershipId = await create('Partnerstwo Wyścigu');
    // Another writer holds the partnership and adds an active lead partner whose membership ends in the
    // future (an end date no unique index can cover); only the service's row lock keeps the two apart.
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select id from partnerships.partnership where id = $1 for update', [partnershipId]);
      await other.query(
        `insert into partnerships.membership (id, partnership_id, organisation_id, role, left_on)
        values ('1b0f6d1e-7a43-4f0e-9a53-2d7d1f0c9aff', $1, $2, 'LEAD_PARTNER', '2999-12-31')`,
        [partnershipId, ORG_A],
      );
      const pending = service.query(
        ADD,
        { input: { partnershipId, organisationId: ORG_B, role: 'LEAD_PARTNER' } },
        { admin: true },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query('commit');
      const result = await pending;
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.role' });
    } finally {
      await other.end();
    }
    expect(await members(partnershipId)).toMatchObject({ leadPartner: { id: ORG_A }, memberCount: 1 });
  });

  it('ends a membership, after which a new lead partner may join', async () => {
    const partnershipId = await create('Partnerstwo Zmiany');
    const lead = await service.query(
      ADD,
      { input: { partnershipId, organisationId: ORG_A, role: 'LEAD_PARTNER', joinedOn: '2020-02-01' } },
      { admin: true },
    );
    const id = lead.data.addMembership.id;

    const early = await service.query(END, { id, leftOn: '2020-01-31' }, { admin: true });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'leftOn' });
    const notADate = await service.query(END, { id, leftOn: '2021-02-30' }, { admin: true });
    expect(notADate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'leftOn' });
    const unknown = await service.query(
      END,
      { id: '00000000-0000-4000-8000-000000000000', leftOn: '2021-01-01' },
      { admin: true },
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(await members(partnershipId)).toMatchObject({ leadPartner: { id: ORG_A }, memberCount: 1 });

    const ended = await service.query(END, { id, leftOn: '2022-12-31' }, { admin: true });
    expect(ended.data.endMembership).toEqual({ id, isActive: false, leftOn: '2022-12-31' });
    expect(await members(partnershipId)).toMatchObject({ leadPartner: null, memberCount: 0 });
    const again = await service.query(END, { id, leftOn: '2023-01-31' }, { admin: true });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });

    const next = await service.query(
      ADD,
      { input: { partnershipId, organisationId: ORG_B, role: 'LEAD_PARTNER', joinedOn: '2023-01-01' } },
      { admin: true },
    );
    expect(next.errors).toBeUndefined();
    expect(await members(partnershipId)).toMatchObject({ leadPartner: { id: ORG_B }, memberCount: 1 });
  });

  it('records only past memberships of a dissolved partnership', async () => {
    const created = await service.query(
      CREATE,
      { input: { name: 'Partnerstwo Rozwiązane', territory: '1433042', status: 'DISSOLVED' } },
      { admin: true },
    );
    const partnershipId = created.data.createPartnership.id;
    const active = await service.query(
      ADD,
      { input: { partnershipId, organisationId: ORG_A, role: 'MEMBER' } },
      { admin: true },
    );
    expect(active.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.partnershipId' });
    const past = await service.query(
      ADD,
      { input: { partnershipId, organisationId: ORG_A, role: 'MEMBER', joinedOn: '2010-01-01', leftOn: '2012-01-01' } },
      { admin: true },
    );
    expect(past.errors).toBeUndefined();
    const result = await service.query(
      `query($id: ID!) { partnership(id: $id) {
      memberCount current: memberships(active: true) { id } former: memberships(active: false) { id } } }`,
      { id: partnershipId },
    );
    expect(result.data.partnership).toEqual({
      memberCount: 0,
      current: [],
      former: [{ id: past.data.addMembership.id }],
    });
  });

  it('keeps the demo data, and changes made to it, when started again', async () => {
    const liw = demoId('partnership', 'liw');
    const borisInLiw = demoId('membership', `liw:boris`);
    const ended = await service.query(END, { id: borisInLiw, leftOn: '2020-06-30' }, { admin: true });
    expect(ended.errors).toBeUndefined();

    const again = await startTestSubgraph(partnershipsSubgraph, db.url);
    try {
      const all = await again.query(LIST, { filter: { territory: '14' }, first: 100 });
      expect(
        names(all)
          .filter((n) => MAZOWSZE.includes(n))
          .sort(),
      ).toEqual([...MAZOWSZE].sort());
      expect(all.data.partnerships.totalCount).toBe(new Set(names(all)).size);
      const result = await again.query(MEMBERS, { id: liw });
      expect(result.data.partnership.memberships).toHaveLength(2);
      expect(result.data.partnership.memberships.find((m: any) => m.id === borisInLiw)).toMatchObject({
        isActive: false,
      });
    } finally {
      await again.close();
    }
  });
});
