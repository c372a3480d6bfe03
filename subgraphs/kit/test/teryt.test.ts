import { ancestorAt, assertTercCode, readTercRegister, territoryPrefixes } from '../src/teryt.js';

describe('the TERC register', () => {
  const units = readTercRegister();

  it('holds the whole country: 16 voivodeships, 380 powiats and every gmina', () => {
    expect(units.filter((u) => u.level === 'WOJEWODZTWO')).toHaveLength(16);
    expect(units.filter((u) => u.level === 'POWIAT')).toHaveLength(380);
    expect(units).toHaveLength(4332);
  });

  it('gives every unit but a voivodeship a parent that exists', () => {
    const codes = new Set(units.map((u) => u.code));
    for (const unit of units) {
      if (unit.level === 'WOJEWODZTWO') expect(unit.parentCode).toBeNull();
      else expect(codes.has(unit.parentCode!)).toBe(true);
    }
  });

  it('hangs a gmina part under its gmina and a Warsaw district under the city', () => {
    const byCode = new Map(units.map((u) => [u.code, u]));
    expect(byCode.get('1433054')).toMatchObject({ level: 'GMINA_PART', parentCode: '1433053' });
    expect(byCode.get('1465058')).toMatchObject({ name: 'Mokotów', level: 'CITY_DISTRICT', parentCode: '1465011' });
    expect(byCode.get('2061011')).toMatchObject({ name: 'Białystok', parentCode: '2061' });
  });

  it('covers a gmina and what lies under it with prefixes', () => {
    expect(territoryPrefixes('14')).toEqual(['14']);
    expect(territoryPrefixes('1433')).toEqual(['1433']);
    expect(territoryPrefixes('1433053')).toEqual(['1433053', '1433054', '1433055']);
    expect(territoryPrefixes('1465011')).toContain('1465058');
  });

  it('finds the unit at a level that contains a code', () => {
    expect(ancestorAt('1433042', 'POWIAT')).toBe('1433');
    expect(ancestorAt('1465058', 'WOJEWODZTWO')).toBe('14');
    expect(ancestorAt('14', 'GMINA')).toBeNull();
  });

  it('refuses a malformed code as bad input and an unknown one as not found', () => {
    expect(() => assertTercCode('14x', 'territory')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'territory' }) }),
    );
    expect(() => assertTercCode('99', 'territory')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    );
    expect(assertTercCode('1433042', 'territory')).toBe('1433042');
  });
});
