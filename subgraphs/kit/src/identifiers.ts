/**
 * Polish register identifiers. NIP and REGON carry a weighted mod-11 check digit; KRS numbers have
 * none (they are sequential), so for KRS only the 10-digit form is checked.
 */
export type IdentifierScheme = 'KRS' | 'NIP' | 'REGON';

const digitsOf = (value: string) => [...value].map(Number);

function mod11(digits: number[], weights: number[]): number {
  return weights.reduce((sum, w, i) => sum + w * digits[i]!, 0) % 11;
}

export function isValidNip(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const d = digitsOf(value);
  const check = mod11(d, [6, 5, 7, 2, 3, 4, 5, 6, 7]);
  return check !== 10 && check === d[9];
}

export function isValidRegon(value: string): boolean {
  if (/^\d{9}$/.test(value)) {
    const d = digitsOf(value);
    return mod11(d, [8, 9, 2, 3, 4, 5, 6, 7]) % 10 === d[8];
  }
  if (/^\d{14}$/.test(value)) {
    const d = digitsOf(value);
    return isValidRegon(value.slice(0, 9)) && mod11(d, [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8]) % 10 === d[13];
  }
  return false;
}

export function isValidKrs(value: string): boolean {
  return /^\d{10}$/.test(value) && value !== '0000000000';
}

/** Strips the separators people type (`123-456-32-18`, `PL1234563218`) before checking. */
export function normaliseIdentifier(scheme: IdentifierScheme, value: string): string {
  const stripped = value.replace(/[\s-]/g, '');
  return scheme === 'NIP' ? stripped.replace(/^PL/i, '') : stripped;
}

export function isValidIdentifier(scheme: IdentifierScheme, value: string): boolean {
  switch (scheme) {
    case 'KRS':
      return isValidKrs(value);
    case 'NIP':
      return isValidNip(value);
    case 'REGON':
      return isValidRegon(value);
  }
}

export const IDENTIFIER_RULES: Record<IdentifierScheme, string> = {
  KRS: 'a KRS number has 10 digits',
  NIP: 'a NIP has 10 digits and a valid check digit',
  REGON: 'a REGON has 9 or 14 digits and valid check digits',
};
