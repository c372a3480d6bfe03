import { existsSync } from 'node:fs';
import {
  GENERATED,
  missingDescriptions,
  readSchemaFile,
  SCHEMA_DIR,
  unannouncedBreakingChanges,
} from '../src/checks.js';
import { compose, printSubgraphSdls, type Composition } from '../src/compose.js';
import { federationDoc, resolvedBy } from '../src/resolved-by.js';

let composition: Composition;

beforeAll(async () => {
  composition = compose(await printSubgraphSdls());
});

describe('the committed schema', () => {
  it('composes the subgraphs without errors', () => {
    expect(composition.subgraphs.map((s) => s.name)).toEqual([
      'organisations',
      'partnerships',
      'events',
      'funding',
      'access',
      'notifications',
    ]);
    expect(composition.supergraphSdl).toContain('@join__graph(name: "funding"');
  });

  it('matches what the subgraphs print today (regenerate with npm run schema:generate)', () => {
    expect(readSchemaFile(GENERATED.supergraph)).toBe(composition.supergraphSdl);
    expect(readSchemaFile(GENERATED.api)).toBe(composition.apiSdl);
    for (const subgraph of composition.subgraphs)
      expect(readSchemaFile(GENERATED.subgraph(subgraph.name))).toBe(subgraph.sdl);
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
    expect(fields).toEqual(
      expect.arrayContaining(['name', 'territory', 'memberships', 'partnerships', 'events', 'grants']),
    );
  });

  it('keeps the table of which file resolves each public field in docs/federation.md current (regenerate with npm run schema:generate)', () => {
    expect(readSchemaFile(GENERATED.federationDoc)).toBe(federationDoc(composition));
  });

  it('names the file that resolves a field, wherever the field lives', () => {
    const found = resolvedBy(composition);
    expect(found.get('Organisation.grants')).toEqual(['subgraphs/funding/src/federation/organisation.fields.ts']);
    expect(found.get('Territory.events')).toEqual(['subgraphs/events/src/federation/territory.fields.ts']);
    expect(found.get('Query.organisations')).toEqual([
      'subgraphs/organisations/src/modules/organisation/organisation.resolver.ts',
    ]);
    expect(found.get('Organisation.name')).toEqual([
      'subgraphs/organisations/src/modules/organisation/organisation.type.ts',
    ]);
    expect(found.get('GrantEdge.cursor')).toEqual(['subgraphs/kit/src/pagination.ts']);
    // The key: the owner and each of the four subgraphs that keep a stub of it.
    expect(found.get('Organisation.id')).toHaveLength(5);
  });

  it("resolves what a subgraph adds to another subgraph's entity in its federation/<type>.fields.ts, and nothing else there", () => {
    const misplaced: string[] = [];
    for (const [coordinate, files] of resolvedBy(composition)) {
      const type = coordinate.split('.')[0]!.replace(/[A-Z]/g, (c, at) => `${at ? '-' : ''}${c.toLowerCase()}`);
      for (const file of files) {
        const federation = `${file.split('/src/')[0]}/src/federation/`;
        const stubbed = existsSync(`${SCHEMA_DIR}../${federation}${type}.stub.ts`);
        const allowed = [`${federation}${type}.stub.ts`, `${federation}${type}.fields.ts`];
        if (stubbed !== allowed.includes(file) && !file.startsWith('subgraphs/kit/'))
          misplaced.push(`${coordinate}: ${file}`);
      }
    }
    expect(misplaced).toEqual([]);
  });
});
