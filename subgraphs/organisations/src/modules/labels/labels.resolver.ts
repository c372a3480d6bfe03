import { Arg, Query, Resolver } from 'type-graphql';
import { AppError, enumLabels, isLabelledEnum, LABELLED_ENUMS, type LabelledEnum } from '@ngo-hub/kit';
import { EnumLabels, Language } from './labels.type.js';

/** Resolves the names asked for: each once, in the order given; an unknown name is BAD_USER_INPUT. */
export function labelledEnums(names: readonly string[] | null): LabelledEnum[] {
  if (!names) return LABELLED_ENUMS;
  names.forEach((name, i) => {
    if (!isLabelledEnum(name))
      throw AppError.badInput(`enums.${i}`, `${name} is not an enum with labels; known: ${LABELLED_ENUMS.join(', ')}`);
  });
  return [...new Set(names as LabelledEnum[])];
}

@Resolver()
export class LabelsResolver {
  @Query(() => [EnumLabels], {
    description:
      'Polish and English words for the values of the enums a portal shows (sector, legal form, event kind and status, partnership status, membership role, form of support, funder kind, territory level, …), so every front end shows the same words. Fetch once per page.',
  })
  labels(
    @Arg('lang', () => Language, {
      nullable: true,
      defaultValue: Language.PL,
      description: 'Language of the labels (Polish when omitted or null).',
    })
    lang: Language | null,
    @Arg('enums', () => [String], {
      nullable: true,
      description: 'Names of the enums to label, e.g. ["LegalForm", "Sector"]; all labelled enums when omitted.',
    })
    enums: string[] | null,
  ): EnumLabels[] {
    return labelledEnums(enums).map((name) => ({ enum: name, values: enumLabels(name, lang ?? Language.PL) }));
  }
}
