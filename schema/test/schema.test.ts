import { GENERATED, missingDescriptions, readSchemaFile, unannouncedBreakingChanges } from '../src/checks.js';
import { compose, printSubgraphSdls, type Composition } from '../src/compose.js';

let composition: Composition;

beforeAll(async () => {
  composition = compose(await printSubgraphSdls());
});

describe('the committed schema', () => {
  it('composes the four subgraphs without errors', () => {
    expect(composition.subgraphs.map((s) => s.name)).toEqual(['organisations', 'partnerships', 'events', 'funding']);
    expect(composition.supergraphSdl).toContain('@join__graph(name: "funding"');
  });

  it('matches what the subgraphs print today (regenerate with npm run schema:generate)', () => {
    expect(readSchemaFile(GENERATED.supergraph)).toBe(composition.supergraphSdl);
    expect(readSchemaFile(GENERATED.api)).toBe(composition.apiSdl);
    for (const subgraph of composition.subgraphs) expect(readSchemaFile(GENERATED.subgraph(subgraph.name))).toBe(subgraph.sdl);
  });

  it('describes every public type, field, argument and enum value', () => {
    expect(missingDescriptions(composition.apiSchema)).toEqual([]);
  });

  it('announces every breaking change against the released baseline', () => {
    expect(unannouncedBreakingChanges(composition.apiSchema)).toEqual([]);
  });

  it('lets one query cross all four subgraphs from an organisation', () => {
    const organisation = composition.apiSchema.getType('Organisation') as any;
    const fields = Object.keys(organisation.getFields());
    expect(fields).toEqual(expect.arrayContaining(['name', 'territory', 'memberships', 'partnerships', 'events', 'grants']));
  });
});
