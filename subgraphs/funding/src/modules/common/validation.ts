import { z } from 'zod';
import { tercCodeSchema } from '@ngo-hub/kit';

/** A list without repeated values; the repeat is reported at its own index. */
export function uniqueList<T extends z.ZodType<string>>(item: T, max: number, what: string) {
  return z
    .array(item)
    .max(max)
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        if (seen.has(v as string))
          ctx.addIssue({ code: 'custom', path: [i], message: `${what} ${String(v)} is listed twice` });
        seen.add(v as string);
      });
    });
}

/** TERC codes that exist in the register, each once. */
export const territoryListSchema = uniqueList(tercCodeSchema, 500, 'territory');
