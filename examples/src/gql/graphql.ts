/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A new call for proposals. */
export type CreateCallInput = {
  /** Money available in the call. */
  budget?: MoneyInput | null | undefined;
  /** Deadline, YYYY-MM-DD; not before opensOn. */
  closesOn?: string | null | undefined;
  /** What the call funds and who may apply. */
  description?: string | null | undefined;
  /** TERC codes of the territories whose organisations may apply. */
  eligibleTerritories?: Array<string> | null | undefined;
  /** Hub id of the funder announcing the call; may be omitted when the programme gives it. */
  funderId?: string | number | null | undefined;
  /** First day applications are accepted, YYYY-MM-DD. */
  opensOn: string;
  /** Hub id of the programme the call belongs to. */
  programmeId?: string | number | null | undefined;
  /** TERC code of the area the competition is for (e.g. the announcing city's gmina); must exist in the territorial register. A FUNDER_OFFICER limited to territories must give one inside them. */
  territory?: string | null | undefined;
  /** Title of the call. */
  title: string;
  /** Web page of the announcement (http or https). */
  url?: string | null | undefined;
};

/** A new event. TIME, DAY and MONTH precision need startsAt (DAY: midnight Warsaw time; MONTH: midnight of the 1st), UNKNOWN needs no dates; endsAt must not be before startsAt. */
export type CreateEventInput = {
  /** Whole-day event; defaults to true for DAY and MONTH precision, false otherwise; not allowed with TIME. */
  allDay?: boolean | null | undefined;
  /** Who the event is for, in Polish. */
  audience?: Array<string> | null | undefined;
  /** How much of the date is known. */
  datePrecision: EventDatePrecision;
  /** What happens at the event. */
  description?: string | null | undefined;
  /** Length of the programme in hours, when published. */
  durationHours?: number | null | undefined;
  /** End, when known. */
  endsAt?: string | null | undefined;
  /** What sort of event it is. */
  kind: EventKind;
  /** Ids of the organising organisations, the lead organiser first. */
  organiserIds: Array<string | number>;
  /** Id of the partnership the event belongs to. */
  partnershipId?: string | number | null | undefined;
  /** Start; an input without offset is read as Warsaw time. */
  startsAt?: string | null | undefined;
  /** CONFIRMED (default) or TENTATIVE; use cancelEvent to cancel. */
  status?: EventStatus | null | undefined;
  /** Title, in Polish. */
  title: string;
  /** Web page of the event (http or https). */
  url?: string | null | undefined;
  /** Where the event takes place. */
  venue?: EventVenueInput | null | undefined;
};

/** How much of the date is known; sources often publish only a month, or no date at all. */
export type EventDatePrecision =
  /** The day(s) are known but not the hours; startsAt is midnight Warsaw time of the first day. */
  | 'DAY'
  /** Only the month is known; startsAt is midnight Warsaw time of the first day of that month. */
  | 'MONTH'
  /** The exact start time is known. */
  | 'TIME'
  /** No date has been published; startsAt and endsAt are null. */
  | 'UNKNOWN';

/** What sort of event it is (schema.org Event subtypes, adapted to the NGO sector). */
export type EventKind =
  /** A conference, e.g. one opening or closing a project. */
  | 'CONFERENCE'
  /** A public consultation or advisory session (konsultacje, doradztwo). */
  | 'CONSULTATION'
  /** A cultural event: concert, exhibition, performance. */
  | 'CULTURAL'
  /** A festival or community fair (festyn, majówka). */
  | 'FESTIVAL'
  /** A forum bringing many organisations together to present themselves and discuss. */
  | 'FORUM'
  /** A working meeting of a team, board or partnership. */
  | 'MEETING'
  /** Any other kind of event. */
  | 'OTHER'
  /** A sports event or tournament. */
  | 'SPORTS'
  /** A study visit to learn from another place or organisation. */
  | 'STUDY_VISIT'
  /** A training course or training cycle, possibly with coaching. */
  | 'TRAINING'
  /** A workshop run with active methods, where participants work on a topic together. */
  | 'WORKSHOP';

/** Whether the event takes place, as iCalendar STATUS. */
export type EventStatus =
  /** The event was cancelled. */
  | 'CANCELLED'
  /** The event takes (or took) place. */
  | 'CONFIRMED'
  /** The event is planned but not confirmed. */
  | 'TENTATIVE';

/** Where an event takes place. */
export type EventVenueInput = {
  /** Town or village. */
  locality?: string | null | undefined;
  /** Name of the place. */
  name?: string | null | undefined;
  /** Polish postal code, NN-NNN. */
  postalCode?: string | null | undefined;
  /** Street, building and unit. */
  streetAddress?: string | null | undefined;
  /** TERC code of the venue; must exist in the territorial register. */
  territory?: string | null | undefined;
};

/** Legal form under Polish law (names kept in Polish where English has no exact equivalent). */
export type LegalForm =
  /** Commercial company (spółka). */
  | 'COMPANY'
  /** Organisation registered outside Poland (e.g. a German e. V.). */
  | 'FOREIGN_ORGANISATION'
  /** Foundation (fundacja). */
  | 'FUNDACJA'
  /** Informal group without legal form. */
  | 'INFORMAL_GROUP'
  /** Local government unit or its office (gmina, powiat, województwo). */
  | 'JEDNOSTKA_SAMORZADU_TERYTORIALNEGO'
  /** Rural housewives' circle (koło gospodyń wiejskich, KGW). */
  | 'KOLO_GOSPODYN_WIEJSKICH'
  /** Church legal person or church charity. */
  | 'KOSCIELNA_OSOBA_PRAWNA'
  /** Any other legal form. */
  | 'OTHER'
  /** Other public institution: school, library, culture centre, social-aid centre. */
  | 'PUBLIC_INSTITUTION'
  /** Sole trader (jednoosobowa działalność gospodarcza). */
  | 'SOLE_TRADER'
  /** Social cooperative (spółdzielnia socjalna). */
  | 'SPOLDZIELNIA_SOCJALNA'
  /** Registered association (stowarzyszenie rejestrowe, in the KRS). */
  | 'STOWARZYSZENIE'
  /** Ordinary association (stowarzyszenie zwykłe), kept in the starost's register, no legal personality. */
  | 'STOWARZYSZENIE_ZWYKLE'
  /** Pupils' sports club (uczniowski klub sportowy). */
  | 'UCZNIOWSKI_KLUB_SPORTOWY'
  /** University or other higher-education institution. */
  | 'UNIVERSITY';

/** An exact amount of money in a currency. */
export type MoneyInput = {
  /** The amount, a non-negative decimal string with at most 2 decimal places, e.g. "125000.50". */
  amount: string;
  /** ISO 4217 currency code, e.g. "PLN". */
  currency: string;
};

/** The sector an organisation belongs to; local partnerships bring all three together. */
export type Sector =
  /** Companies, sole traders and business clubs. */
  | 'BUSINESS'
  /** Non-governmental organisations: associations, foundations, informal groups, church charities. */
  | 'NGO'
  /** Public administration and public institutions (gmina offices, schools, libraries, social-aid centres). */
  | 'PUBLIC';

export type DirectorySearchQueryVariables = Exact<{
  search?: string | null | undefined;
  territory?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DirectorySearchQuery = { organisations: { totalCount: number, edges: Array<{ node: { id: string, name: string, sector: Sector, legalForm: LegalForm, foundedOn: string | null, territory: { code: string, name: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type UpcomingEventsQueryVariables = Exact<{
  territory: string;
  first?: number | null | undefined;
}>;


export type UpcomingEventsQuery = { events: { totalCount: number, edges: Array<{ node: { id: string, title: string, kind: EventKind, status: EventStatus, startsAt: string | null, endsAt: string | null, venue: { name: string | null, locality: string | null, territory: { code: string, name: string } | null } | null, organisers: Array<{ id: string, name: string }> } }> } };

export type OpenCallsQueryVariables = Exact<{
  territory: string;
  first?: number | null | undefined;
}>;


export type OpenCallsQuery = { calls: { totalCount: number, edges: Array<{ node: { id: string, title: string, opensOn: string, closesOn: string | null, isOpen: boolean, budget: { amount: string, currency: string } | null, funder: { name: string }, territory: { code: string, name: string } | null } }> } };

export type CreateEventMutationVariables = Exact<{
  input: CreateEventInput;
}>;


export type CreateEventMutation = { createEvent: { id: string, startsAt: string | null } };

export type CreateCallMutationVariables = Exact<{
  input: CreateCallInput;
}>;


export type CreateCallMutation = { createCall: { id: string, closesOn: string | null, budget: { amount: string, currency: string } | null } };

export type FundersQueryVariables = Exact<{ [key: string]: never; }>;


export type FundersQuery = { funders: Array<{ id: string, name: string }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const DirectorySearchDocument = new TypedDocumentString(`
    query DirectorySearch($search: String, $territory: String, $first: Int = 10, $after: String) {
  organisations(
    filter: {search: $search, territory: $territory}
    first: $first
    after: $after
  ) {
    totalCount
    edges {
      node {
        id
        name
        sector
        legalForm
        foundedOn
        territory {
          code
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<DirectorySearchQuery, DirectorySearchQueryVariables>;
export const UpcomingEventsDocument = new TypedDocumentString(`
    query UpcomingEvents($territory: String!, $first: Int = 20) {
  events(filter: {territory: $territory, upcoming: true}, first: $first) {
    totalCount
    edges {
      node {
        id
        title
        kind
        status
        startsAt
        endsAt
        venue {
          name
          locality
          territory {
            code
            name
          }
        }
        organisers {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UpcomingEventsQuery, UpcomingEventsQueryVariables>;
export const OpenCallsDocument = new TypedDocumentString(`
    query OpenCalls($territory: String!, $first: Int = 20) {
  calls(filter: {territory: $territory, open: true}, first: $first) {
    totalCount
    edges {
      node {
        id
        title
        opensOn
        closesOn
        isOpen
        budget {
          amount
          currency
        }
        funder {
          name
        }
        territory {
          code
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OpenCallsQuery, OpenCallsQueryVariables>;
export const CreateEventDocument = new TypedDocumentString(`
    mutation CreateEvent($input: CreateEventInput!) {
  createEvent(input: $input) {
    id
    startsAt
  }
}
    `) as unknown as TypedDocumentString<CreateEventMutation, CreateEventMutationVariables>;
export const CreateCallDocument = new TypedDocumentString(`
    mutation CreateCall($input: CreateCallInput!) {
  createCall(input: $input) {
    id
    closesOn
    budget {
      amount
      currency
    }
  }
}
    `) as unknown as TypedDocumentString<CreateCallMutation, CreateCallMutationVariables>;
export const FundersDocument = new TypedDocumentString(`
    query Funders {
  funders {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<FundersQuery, FundersQueryVariables>;