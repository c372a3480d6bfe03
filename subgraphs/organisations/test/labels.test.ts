import { createTestDatabase, startTestSubgraph, type TestDatabase, type TestSubgraph } from '@ngo-hub/kit/testing';
import { organisationsSubgraph } from '../src/subgraph.js';

let db: TestDatabase;
let service: TestSubgraph;

const LABELS = `query($lang: Language, $enums: [String!]) { labels(lang: $lang, enums: $enums) { enum values { value label } } }`;

interface EnumLabels {
  enum: string;
  values: { value: string; label: string }[];
}

async function labels(variables: Record<string, unknown>): Promise<EnumLabels[]> {
  const result = await service.query(LABELS, variables);
  expect(result.errors).toBeUndefined();
  return result.data.labels;
}

const asMap = (list: EnumLabels[]) =>
  Object.fromEntries(list.map((e) => [e.enum, Object.fromEntries(e.values.map((v) => [v.value, v.label]))]));

beforeAll(async () => {
  db = await createTestDatabase('organisations_labels');
  service = await startTestSubgraph(organisationsSubgraph, db.url);
});

afterAll(async () => {
  await service?.close();
  await db?.drop();
});

describe('enum labels', () => {
  it('answers Polish labels by default for every portal enum, to anonymous callers', async () => {
    const all = asMap(await labels({}));
    for (const name of [
      'Sector',
      'LegalForm',
      'EventKind',
      'EventStatus',
      'PartnershipStatus',
      'MembershipRole',
      'FormOfSupport',
      'FunderKind',
      'TerritoryLevel',
    ]) {
      expect(Object.keys(all[name] ?? {}).length).toBeGreaterThan(1);
    }
    expect(all.LegalForm).toMatchObject({
      STOWARZYSZENIE: 'stowarzyszenie',
      FUNDACJA: 'fundacja',
      KOLO_GOSPODYN_WIEJSKICH: 'koło gospodyń wiejskich',
      PUBLIC_INSTITUTION: 'instytucja publiczna',
    });
    expect(all.EventKind!.WORKSHOP).toBe('warsztaty');
    expect(all.TerritoryLevel!.WOJEWODZTWO).toBe('województwo');
    expect(all.PartnershipStatus!.FORMING).toBe('w tworzeniu');
  });

  it('answers English on request, only the enums asked for, in the order asked', async () => {
    const list = await labels({ lang: 'EN', enums: ['TerritoryLevel', 'LegalForm', 'TerritoryLevel'] });
    expect(list.map((e) => e.enum)).toEqual(['TerritoryLevel', 'LegalForm']);
    expect(list[0]!.values[0]).toEqual({ value: 'WOJEWODZTWO', label: 'voivodeship' });
    expect(asMap(list).LegalForm).toMatchObject({
      FUNDACJA: 'foundation',
      KOLO_GOSPODYN_WIEJSKICH: "rural housewives' circle",
    });
    // An explicit null reads as the default language.
    expect(asMap(await labels({ lang: null, enums: ['Sector'] })).Sector!.NGO).toBe('sektor pozarządowy');
  });

  it('labels the values an organisation really has', async () => {
    const created = await service.query(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { sector legalForm } }`,
      { input: { name: 'Koło Gospodyń Wiejskich w Liwie', sector: 'NGO', legalForm: 'KOLO_GOSPODYN_WIEJSKICH' } },
      { admin: true },
    );
    expect(created.errors).toBeUndefined();
    const { sector, legalForm } = created.data.createOrganisation;
    const pl = asMap(await labels({ enums: ['Sector', 'LegalForm'] }));
    expect([pl.Sector![sector], pl.LegalForm![legalForm]]).toEqual(['sektor pozarządowy', 'koło gospodyń wiejskich']);
  });

  it('refuses an unknown enum name, naming the argument item', async () => {
    const result = await service.query(LABELS, { enums: ['LegalForm', 'Colour'] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enums.1' });
    expect(result.errors?.[0]?.message).toMatch(/Colour/);
    const sort = await service.query(LABELS, { enums: ['OrganisationSort'] });
    expect(sort.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enums.0' });
  });
});
