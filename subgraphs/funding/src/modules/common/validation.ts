import { z } from 'zod';
import { AppError, isUuid, tercCodeSchema } from '@ngo-hub/kit';

/** A referenced hub id: checked to be a UUID before any lookup. */
export const idSchema = z.string().refine(isUuid, { message: 'not an id of this hub (a UUID)' });

export const optionalText = (max: number) => z.string().trim().min(1).max(max).nullish();

/** A list without repeated values; the repeat is reported at its own index. */
export function uniqueList<T extends z.ZodType<string>>(item: T, max: number, what: string) {
  return z.array(item).max(max).superRefine((values, ctx) => {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (seen.has(v as string)) ctx.addIssue({ code: 'custom', path: [i], message: `${what} ${String(v)} is listed twice` });
      seen.add(v as string);
    });
  });
}

/** TERC codes that exist in the register, each once. */
export const territoryListSchema = uniqueList(tercCodeSchema, 500, 'territory');

/** A filter's id argument: malformed is the client's error; a well-formed unknown id simply matches nothing. */
export function filterId(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (!isUuid(value)) throw AppError.badInput(field, `${field} is not an id of this hub`);
  return value;
}
