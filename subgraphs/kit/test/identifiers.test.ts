import { isValidKrs, isValidNip, isValidRegon, normaliseIdentifier } from '../src/identifiers.js';

describe('Polish register identifiers', () => {
  it('accepts a NIP with the right check digit and refuses any other last digit', () => {
    expect(isValidNip('1234563218')).toBe(true);
    for (const last of '0123456789'.replace('8', '')) expect(isValidNip(`123456321${last}`)).toBe(false);
  });

  it('refuses a NIP whose weighted sum leaves 10 (no check digit can match)', () => {
    // 1234567890: weighted sum mod 11 is 10, which no single digit can equal
    expect(isValidNip('1234567890')).toBe(false);
  });

  it('checks 9- and 14-digit REGONs, the long one on both of its check digits', () => {
    expect(isValidRegon('123456785')).toBe(true);
    expect(isValidRegon('123456786')).toBe(false);
    expect(isValidRegon('12345678512347')).toBe(true);
    expect(isValidRegon('12345678512348')).toBe(false);
    expect(isValidRegon('12345678612347')).toBe(false);
    expect(isValidRegon('12345678')).toBe(false);
  });

  it('checks only the form of a KRS number, which has no check digit', () => {
    expect(isValidKrs('0000012345')).toBe(true);
    expect(isValidKrs('12345')).toBe(false);
    expect(isValidKrs('0000000000')).toBe(false);
  });

  it('strips the separators and the PL prefix people type', () => {
    expect(normaliseIdentifier('NIP', 'PL 123-456-32-18')).toBe('1234563218');
    expect(normaliseIdentifier('REGON', '123 456 785')).toBe('123456785');
  });
});
