import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum Language {
  PL = 'PL',
  EN = 'EN',
}

registerEnumType(Language, {
  name: 'Language',
  description: 'Language of the words the API gives people to read (enum labels).',
  valuesConfig: {
    PL: { description: 'Polish.' },
    EN: { description: 'English.' },
  },
});

@ObjectType('LabelledValue', { description: 'One value of an enum with the words a front end shows for it.' })
export class LabelledValue {
  @Field({ description: 'The enum value as the API returns it, e.g. "FUNDACJA".' })
  value!: string;

  @Field({ description: 'What people read, in the requested language, lower case, e.g. "fundacja".' })
  label!: string;
}

@ObjectType('EnumLabels', { description: 'The labels of every value of one enum of the public schema.' })
export class EnumLabels {
  @Field({ description: 'Name of the enum in the schema, e.g. "LegalForm".' })
  enum!: string;

  @Field(() => [LabelledValue], { description: 'Every value of the enum, in schema order.' })
  values!: LabelledValue[];
}
