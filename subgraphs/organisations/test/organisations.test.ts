import { createTestDatabase, startTestSubgraph, type TestDatabase, type TestSubgraph } from '@ngo-hub/kit/testing';
import { demoOrganisationId } from '@ngo-hub/kit';
import { organisationsSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;

beforeAll(async () => {
  db = await createTestDatabase('organisations');
  service = await startTestSubgraph(organisationsSubgraph, db.url);
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

const LIST = `query($filter: OrganisationFilter, $first: Int, $after: String) {
  organisations(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name sector territory { code name parent { code } } identifiers { scheme value } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('organisation directory', () => {
  it('finds an organisation by a word of its name, ignoring case and diacritics', async () => {
    const result = await service.query(LIST, { filter: { search: 'spolecznej inicjatywy' } });
    expect(result.errors).toBeUndefined();
    expect(result.data.organisations.edges.map((e: any) => e.node.name)).toEqual(['Klub Myśli Społecznej Inicjatywy']);
  });

  it('rolls a powiat filter up over its gminas and a gmina over its districts', async () => {
    const bialystok = await service.query(LIST, { filter: { territory: '20' } });
    expect(bialystok.data.organisations.edges.map((e: any) => e.node.territory.code)).toEqual([
      '2061011',
      '2061011',
      '2061011',
    ]);
    const warszawa = await service.query(LIST, { filter: { territory: '1465011' } });
    expect(warszawa.data.organisations.totalCount).toBe(3);
  });

  it('pages with cursors without skipping or repeating an organisation', async () => {
    const all = await service.query(LIST, { first: 100 });
    const names: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await service.query(LIST, { first: 7, after });
      names.push(...page.data.organisations.edges.map((e: any) => e.node.name));
      after = page.data.organisations.pageInfo.hasNextPage ? page.data.organisations.pageInfo.endCursor : null;
    } while (after);
    expect(names).toEqual(all.data.organisations.edges.map((e: any) => e.node.name));
    expect(names.length).toBe(all.data.organisations.totalCount);
  });

  it('costs the same number of SQL statements for 5 or 50 organisations with their relations', async () => {
    const five = await service.query(LIST, { first: 5 });
    const fifty = await service.query(LIST, { first: 50 });
    expect(fifty.data.organisations.edges.length).toBeGreaterThan(five.data.organisations.edges.length);
    expect(fifty.sqlStatements).toBe(five.sqlStatements);
  });

  it('refuses a page over 100, a malformed territory and an unknown id with coded errors', async () => {
    const big = await service.query(LIST, { first: 1000 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const malformed = await service.query(LIST, { filter: { territory: '14x' } });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.territory' });
    const unknown = await service.query('{ organisation(id: "00000000-0000-4000-8000-000000000000") { name } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const notUuid = await service.query('{ organisation(id: "nope") { name } }');
    expect(notUuid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('territories', () => {
  it('loads the whole TERC register with parents and children', async () => {
    const result = await service.query(`{
      territories { code }
      liw: territory(code: "1433042") { name level parent { code name parent { code name } } }
      lochow: territory(code: "1433053") { children { code kind } }
      mokotow: territory(code: "1465058") { level parent { code } }
      gminas: territories(parent: "1433", level: GMINA) { code }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.territories).toHaveLength(16);
    expect(result.data.liw).toEqual({
      name: 'Liw',
      level: 'GMINA',
      parent: { code: '1433', name: 'węgrowski', parent: { code: '14', name: 'MAZOWIECKIE' } },
    });
    expect(result.data.lochow.children.map((c: any) => c.code)).toEqual(['1433054', '1433055']);
    expect(result.data.mokotow).toEqual({ level: 'CITY_DISTRICT', parent: { code: '1465011' } });
    expect(result.data.gminas).toHaveLength(9);
  });

  it('answers from the in-memory register with no SQL, exactly as the synced table holds it', async () => {
    const levels = ['WOJEWODZTWO', 'POWIAT', 'GMINA', 'GMINA_PART', 'CITY_DISTRICT'];
    const result = await service.query(
      `{ ${levels.map((l) => `${l}: territories(level: ${l}) { code name kind level asOf parent { code } }`).join(' ')}
         warszawa: territory(code: "1465011") { children { code } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.sqlStatements).toBe(0);
    const rows = await service.orm.em
      .fork()
      .execute(
        'select code, name, kind, level, as_of::text as as_of, parent_code from organisations.territory order by code',
      );
    for (const level of levels) {
      const stored = rows
        .filter((r) => r.level === level)
        .map((r) => ({
          code: r.code,
          name: r.name,
          kind: r.kind,
          level,
          asOf: r.as_of,
          parent: r.parent_code && { code: r.parent_code },
        }));
      expect(stored.length).toBeGreaterThan(0);
      expect(result.data[level]).toEqual(stored);
    }
    const districts = rows.filter((r) => r.parent_code === '1465011').map((r) => ({ code: r.code }));
    expect(districts).toHaveLength(18);
    expect(result.data.warszawa.children).toEqual(districts);
  });

  it('refuses a level that is not below the parent', async () => {
    const result = await service.query('{ territories(parent: "1433042", level: POWIAT) { code } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'level' });
  });
});

describe('mutations', () => {
  const CREATE = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name territory { code } identifiers { scheme value } } }`;

  it('needs a credential, and an admin one', async () => {
    const input = { name: 'X', sector: 'NGO', legalForm: 'FUNDACJA' };
    const anonymous = await service.query(CREATE, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const portal = await service.query(CREATE, { input }, { as: { role: 'PORTAL' } });
    expect(portal.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', needs: 'ADMIN' });
  });

  it('creates an organisation with checked identifiers and finds it by NIP', async () => {
    const created = await service.query(
      CREATE,
      {
        input: {
          name: 'Stowarzyszenie Testowe Liw',
          sector: 'NGO',
          legalForm: 'STOWARZYSZENIE',
          territory: '1433042',
          identifiers: [
            { scheme: 'NIP', value: '123-456-32-18' },
            { scheme: 'REGON', value: '123456785' },
          ],
        },
      },
      { admin: true },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createOrganisation.identifiers).toEqual([
      { scheme: 'NIP', value: '1234563218' },
      { scheme: 'REGON', value: '123456785' },
    ]);
    const found = await service.query('{ organisationByIdentifier(scheme: NIP, value: "1234563218") { id } }');
    expect(found.data.organisationByIdentifier.id).toBe(created.data.createOrganisation.id);
  });

  it('reads back every field as the mutation answered it, by id, in the directory and as an entity', async () => {
    // Writes answer from the mapped entity, reads map the selected row themselves: they must agree.
    const FIELDS = `id name shortName sector legalForm publicBenefit description areasOfActivity
      address { streetAddress postalCode locality } website email phone foundedOn createdAt updatedAt source
      contactPerson { name email phone } identifiers { scheme value } territory { code name parent { code } }`;
    const created = await service.query(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { ${FIELDS} } }`,
      {
        input: {
          name: 'Fundacja Odczytu Wszystkich Pól',
          shortName: 'FOWP',
          sector: 'NGO',
          legalForm: 'FUNDACJA',
          publicBenefit: true,
          description: 'Opis',
          areasOfActivity: ['kultura', 'sport'],
          address: { streetAddress: 'ul. Długa 1', postalCode: '07-130', locality: 'Łochów' },
          territory: '1433053',
          website: 'https://fowp.example.pl',
          email: 'biuro@fowp.example.pl',
          phone: '+48 25 123 45 67',
          foundedOn: '2019-03-04',
          identifiers: [{ scheme: 'KRS', value: '0000123457' }],
          contactPerson: { name: 'Anna Nowak', email: 'anna@fowp.example.pl', phone: '600 100 200' },
        },
      },
      { admin: true },
    );
    expect(created.errors).toBeUndefined();
    const organisation = created.data.createOrganisation;
    expect(organisation.foundedOn).toBe('2019-03-04');
    const byId = await service.query(
      `query($id: ID!) { organisation(id: $id) { ${FIELDS} } }`,
      { id: organisation.id },
      { admin: true },
    );
    // The mutation's later writes of the same transaction (identifiers) may bump updatedAt after its answer was read.
    const read = byId.data.organisation;
    expect({ ...read, updatedAt: null }).toEqual({ ...organisation, updatedAt: null });
    expect(Date.parse(read.updatedAt)).toBeGreaterThanOrEqual(Date.parse(organisation.updatedAt));
    const listed = await service.query(
      `{ organisations(filter: { search: "Odczytu Wszystkich" }) { edges { node { ${FIELDS} } } } }`,
      {},
      { admin: true },
    );
    expect(listed.data.organisations.edges.map((e: any) => e.node)).toEqual([read]);
    const entity = await service.query(
      `query($id: ID!) { _entities(representations: [{ __typename: "Organisation", id: $id }]) { ... on Organisation { ${FIELDS} } } }`,
      { id: organisation.id },
      { admin: true },
    );
    expect(entity.data._entities).toEqual([read]);
  });

  it('rejects a bad checksum, naming the field, and writes nothing', async () => {
    const before = await service.query(LIST, { filter: { search: 'Zła Suma' } });
    const result = await service.query(
      CREATE,
      {
        input: {
          name: 'Fundacja Zła Suma',
          sector: 'NGO',
          legalForm: 'FUNDACJA',
          identifiers: [{ scheme: 'NIP', value: '1234563219' }],
        },
      },
      { admin: true },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.identifiers.0.value',
    });
    const after = await service.query(LIST, { filter: { search: 'Zła Suma' } });
    expect(after.data.organisations.totalCount).toBe(before.data.organisations.totalCount);
  });

  it('rolls back the whole change when an identifier belongs to another organisation', async () => {
    const borisId = demoOrganisationId('boris');
    await service.query(
      CREATE,
      {
        input: {
          name: 'Właściciel NIP',
          sector: 'NGO',
          legalForm: 'FUNDACJA',
          identifiers: [{ scheme: 'NIP', value: '5260250995' }],
        },
      },
      { admin: true },
    );
    const result = await service.query(
      `mutation($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { name } }`,
      { id: borisId, input: { name: 'BORIS zmieniony', identifiers: [{ scheme: 'NIP', value: '5260250995' }] } },
      { admin: true },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.identifiers.0.value' });
    const boris = await service.query('query($id: ID!) { organisation(id: $id) { name } }', { id: borisId });
    expect(boris.data.organisation.name).toBe('Stowarzyszenie BORIS');
  });

  it('keeps the demo data without duplicates when started again', async () => {
    const again = await startTestSubgraph(organisationsSubgraph, db.url);
    try {
      const result = await again.query('{ organisations(filter: { search: "BORIS" }) { totalCount } }');
      expect(result.data.organisations.totalCount).toBe(1);
    } finally {
      await again.close();
    }
  });
});
