import { z } from 'zod';
import { AppError } from './errors.js';
import { isValidIdentifier, IDENTIFIER_RULES, normaliseIdentifier, type IdentifierScheme } from './identifiers.js';
import { tercRegister } from './teryt.js';

/**
 * Parses mutation input with a zod schema. The first problem becomes a BAD_USER_INPUT error whose
 * `field` is the dot path of the offending value (`input.identifiers.0.value`); all problems are
 * listed in `extensions.problems` so a form can mark every field at once.
 */
export function validateInput<S extends z.ZodType>(schema: S, value: unknown, root = 'input'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    field: [root, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const first = problems[0]!;
  throw new AppError('BAD_USER_INPUT', `${first.field}: ${first.message}`, first.field, { problems });
}

/** A TERC code that exists in the register. */
export const tercCodeSchema = z.string().refine((code) => tercRegister().has(code), {
  message: 'not a TERC code in the territorial register',
});

/** An ISO calendar date that really exists (2021-02-30 is refused). */
export const localDateSchema = z.iso.date();

/** An exact amount in a currency's main unit, as a string with at most 2 decimals, not negative. */
export const amountSchema = z.string().regex(/^\d{1,15}(\.\d{1,2})?$/, 'an amount is a non-negative decimal string with at most 2 decimal places');

/** An ISO 4217 currency code. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'a currency is a 3-letter ISO 4217 code');

/** A register identifier: separators stripped, then the scheme's checksum verified. */
export const identifierSchema = z
  .object({ scheme: z.enum(['KRS', 'NIP', 'REGON']), value: z.string().max(40) })
  .transform((id) => ({ scheme: id.scheme, value: normaliseIdentifier(id.scheme, id.value) }))
  .superRefine((id, ctx) => {
    if (!isValidIdentifier(id.scheme as IdentifierScheme, id.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `invalid ${id.scheme}: ${IDENTIFIER_RULES[id.scheme as IdentifierScheme]}` });
    }
  });
