import { pgArrayLiteral, sqlPlaceholders } from '../src/sql.js';

describe('SQL helpers', () => {
  it('writes one marker per value', () => {
    expect(sqlPlaceholders(['a', 'b', 'c'])).toBe('?, ?, ?');
  });

  it('quotes every array element, escapes quotes and backslashes, and keeps null as NULL', () => {
    expect(pgArrayLiteral([])).toBe('{}');
    expect(pgArrayLiteral(['a,b', 'say "hi"', 'c:\\', null, 'NULL'])).toBe(
      '{"a,b","say \\"hi\\"","c:\\\\",NULL,"NULL"}',
    );
  });
});
