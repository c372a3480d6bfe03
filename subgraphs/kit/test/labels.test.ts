import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, isEnumType, type GraphQLEnumType } from 'graphql';
import { ENUM_LABELS, enumLabels, labelOf } from '../src/labels.js';

// The public schema as clients see it (composed by `npm run schema:generate`, kept current by schema:check).
const api = buildSchema(readFileSync(fileURLToPath(new URL('../../../schema/api.graphql', import.meta.url)), 'utf8'));

/**
 * Enums no person reads as words: orderings (a front end names its own sort choices), and enums of
 * the API's administration (keys, webhook deliveries) that no portal shows. Every other enum needs labels.
 */
const UNLABELLED = new Set(['ApiKeyRole', 'WebhookDeliveryStatus']);
const isUnlabelled = (name: string) => UNLABELLED.has(name) || name.endsWith('Sort');

describe('enum labels vocabulary', () => {
  const schemaEnums = Object.values(api.getTypeMap()).filter(
    (type) => isEnumType(type) && !type.name.startsWith('__'),
  ) as GraphQLEnumType[];

  it('labels every enum of the public schema a person reads, and only those', () => {
    const labelled = schemaEnums.map((e) => e.name).filter((name) => !isUnlabelled(name));
    expect(Object.keys(ENUM_LABELS).sort()).toEqual(labelled.sort());
    for (const name of ['Sector', 'LegalForm', 'EventKind', 'EventStatus', 'PartnershipStatus', 'MembershipRole']) {
      expect(labelled).toContain(name);
    }
    for (const name of ['FormOfSupport', 'FunderKind', 'TerritoryLevel', 'Language']) expect(labelled).toContain(name);
  });

  it.each(Object.keys(ENUM_LABELS))('covers exactly the values of %s, in schema order', (name) => {
    const type = api.getType(name);
    expect(type && isEnumType(type)).toBe(true);
    const values = (type as GraphQLEnumType).getValues().map((v) => v.name);
    expect(Object.keys(ENUM_LABELS[name as keyof typeof ENUM_LABELS])).toEqual(values);
  });

  it('gives every value a Polish and an English word, distinct within the enum', () => {
    for (const [name, values] of Object.entries(ENUM_LABELS)) {
      for (const lang of ['PL', 'EN'] as const) {
        const labels = enumLabels(name as keyof typeof ENUM_LABELS, lang).map((v) => v.label);
        for (const label of labels) expect(label.trim()).toBe(label);
        expect(labels.every((label) => label.length > 0)).toBe(true);
        expect(new Set(labels).size).toBe(Object.keys(values).length);
      }
    }
  });

  it('speaks Polish by default and English on request', () => {
    expect(labelOf('LegalForm', 'KOLO_GOSPODYN_WIEJSKICH')).toBe('koło gospodyń wiejskich');
    expect(labelOf('LegalForm', 'KOLO_GOSPODYN_WIEJSKICH', 'EN')).toBe("rural housewives' circle");
    expect(labelOf('TerritoryLevel', 'WOJEWODZTWO')).toBe('województwo');
    expect(labelOf('EventKind', 'WORKSHOP', 'EN')).toBe('workshop');
    // A value newer than this vocabulary reads as itself rather than as nothing.
    expect(labelOf('EventKind', 'HACKATHON')).toBe('HACKATHON');
    expect(labelOf('EventKind', 'toString')).toBe('toString');
  });
});
