import { z } from 'zod';
import { AppError } from './errors.js';
import { isUuid } from './ids.js';
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

/** Optional free text up to `max` characters; surrounding spaces are trimmed and blank is refused, not stored. */
export const optionalTextSchema = (max: number) => z.string().trim().min(1).max(max).nullish();

/** A TERC code that exists in the register. */
export const tercCodeSchema = z.string().refine((code) => tercRegister().has(code), {
  message: 'not a TERC code in the territorial register',
});

/** An ISO calendar date that really exists (2021-02-30 is refused). */
export const localDateSchema = z.iso.date();

/** An exact amount in a currency's main unit, as a string with at most 2 decimals, not negative. */
export const amountSchema = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,2})?$/, 'an amount is a non-negative decimal string with at most 2 decimal places');

/** An ISO 4217 currency code. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'a currency is a 3-letter ISO 4217 code');

/** A register identifier: separators stripped, then the scheme's checksum verified. */
export const identifierSchema = z
  .object({ scheme: z.enum(['KRS', 'NIP', 'REGON']), value: z.string().max(40) })
  .transform((id) => ({ scheme: id.scheme, value: normaliseIdentifier(id.scheme, id.value) }))
  .superRefine((id, ctx) => {
    if (!isValidIdentifier(id.scheme as IdentifierScheme, id.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `invalid ${id.scheme}: ${IDENTIFIER_RULES[id.scheme as IdentifierScheme]}`,
      });
    }
  });

/**
 * An id of a hub record (a UUID) in mutation input. Only the form is checked here; whether the
 * record exists is checked in the write's transaction (another subgraph's records against the
 * replica of known ids, see references.ts).
 */
export const hubIdSchema = z.string().refine(isUuid, 'not an id of this hub (a UUID)');

/**
 * Checks an id argument of a filter or lookup: a malformed id is the client's mistake
 * (BAD_USER_INPUT naming `field`), while a well-formed unknown id simply matches nothing.
 * Returned lower-cased, so criteria built from it make equal loader keys; null stays null.
 */
export function assertHubId(value: string, field: string): string;
export function assertHubId(value: string | null | undefined, field: string): string | null;
export function assertHubId(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (!isUuid(value)) throw AppError.badInput(field, `${field} is not an id of this hub (a UUID)`);
  return value.toLowerCase();
}
