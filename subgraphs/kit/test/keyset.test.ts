import { afterNullsLast, nullsLastCursor } from '../src/keyset.js';
import { assertHubId } from '../src/validation.js';

const ID = '0b4f9a3c-6a4e-4b1e-9d2a-3f1c2b7e8a90';
const badAfter = expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) });

describe('nullable-key keyset', () => {
  it('decodes [key | null, id] and refuses any other shape', () => {
    expect(nullsLastCursor({ first: 5, after: null }, 'date')).toBeNull();
    expect(nullsLastCursor({ first: 5, after: ['2024-05-01', ID] }, 'date')).toEqual({ key: '2024-05-01', id: ID });
    expect(nullsLastCursor({ first: 5, after: [null, ID] }, 'timestamptz')).toEqual({ key: null, id: ID });
    for (const after of [['2024-05-01T10:00:00Z', ID], ['2024-05-01', 'x'], ['2024-05-01', ID, 1], [ID]]) {
      expect(() => nullsLastCursor({ first: 5, after }, 'date')).toThrow(badAfter);
    }
    expect(() => nullsLastCursor({ first: 5, after: ['soon', ID] }, 'timestamptz')).toThrow(badAfter);
  });

  it('keeps null-keyed rows after every keyed cursor', () => {
    const order = { column: 'g.starts_on', type: 'date' as const, direction: 'desc' as const, idColumn: 'g.id' };
    expect(afterNullsLast(order, { key: '2024-05-01', id: ID })).toEqual({
      sql: '(g.starts_on < ?::date or (g.starts_on = ?::date and g.id > ?::uuid) or g.starts_on is null)',
      params: ['2024-05-01', '2024-05-01', ID],
    });
    expect(afterNullsLast(order, { key: null, id: ID })).toEqual({ sql: '(g.starts_on is null and g.id > ?::uuid)', params: [ID] });
  });
});

describe('hub ids', () => {
  it('passes null through, lower-cases a UUID and refuses anything else naming the field', () => {
    expect(assertHubId(null, 'filter.funder')).toBeNull();
    expect(assertHubId(ID.toUpperCase(), 'filter.funder')).toBe(ID);
    expect(() => assertHubId('nope', 'filter.funder')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.funder' }) }),
    );
  });
});
