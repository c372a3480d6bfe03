import { Directive, Field, InputType, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { amountSchema, currencySchema, DecimalScalar } from '@ngo-hub/kit';

@ObjectType('Money', { description: 'An exact amount of money in a currency (360Giving amount + currency).' })
@Directive('@shareable')
export class Money {
  @Field(() => DecimalScalar, {
    description: 'The exact amount in the currency\'s main unit, as a decimal string, e.g. "125000.50".',
  })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code, e.g. "PLN" or "EUR".' })
  currency!: string;
}

@InputType({ description: 'An exact amount of money in a currency.' })
export class MoneyInput {
  @Field(() => DecimalScalar, {
    description: 'The amount, a non-negative decimal string with at most 2 decimal places, e.g. "125000.50".',
  })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code, e.g. "PLN".' })
  currency!: string;
}

/** A money input after validation: the amount stays a string and is never parsed into a float. */
export const moneySchema = z.object({ amount: amountSchema, currency: currencySchema });

/** A stored amount (read as text) with its currency, or null when either is missing. */
export function money(amount: string | null, currency: string | null): Money | null {
  if (amount == null || currency == null) return null;
  return Object.assign(new Money(), { amount, currency });
}

const DECIMAL_PARTS = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** A decimal string as an exact number of hundredths (BigInt), so comparisons never round. */
export function toCents(value: string): bigint {
  const match = DECIMAL_PARTS.exec(value);
  if (!match) throw new Error(`not a decimal: ${value}`);
  const cents = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/** Hundredths back to a decimal string with two places ("0.30"), as PostgreSQL prints numeric(17,2). */
export function fromCents(cents: bigint): string {
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** The exact sum of two decimal strings. */
export function addDecimals(a: string, b: string): string {
  return fromCents(toCents(a) + toCents(b));
}
